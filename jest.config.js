// Jest runs in ESM mode (Nest 12 is ESM-only); @swc/jest compiles TypeScript with
// decorator metadata, which Nest's dependency injection needs.
const swc = [
  '@swc/jest',
  {
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      keepClassNames: true,
    },
    module: { type: 'es6' },
    sourceMaps: 'inline',
  },
];

export default {
  rootDir: '.',
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: {
    '^@onestop/domain$': '<rootDir>/libs/domain/src/index.ts',
    '^@onestop/platform$': '<rootDir>/libs/platform/src/index.ts',
    '^@onestop/platform/testing$': '<rootDir>/libs/platform/src/testing/index.ts',
    // relative ESM imports carry .js; the sources are .ts
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testMatch: ['<rootDir>/{apps,libs,test}/**/*.spec.ts'],
  setupFiles: ['<rootDir>/test/quiet-logs.ts', '<rootDir>/test/english-problem-details.ts'],
  globalSetup: '<rootDir>/test/global-setup.mjs',
  globalTeardown: '<rootDir>/test/global-teardown.mjs',
  testTimeout: 60000,
  maxWorkers: 2,
};
