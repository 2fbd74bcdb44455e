// Module hooks that let Node run the TypeScript sources as they are, compiled on the fly with
// @swc/core exactly as jest compiles them (decorators, their metadata, ES modules), and resolve
// the libs' path aliases and the `.js` of relative imports to the `.ts` files. Used by the tests
// that run services as separate processes (test/processes/service-processes.ts).
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { transform } from '@swc/core';

const root = new URL('../../', import.meta.url);
// Every process compiles the same sources: the output is kept by content, so a restarted service
// (and the eight others) read it instead of compiling again.
const cache = fileURLToPath(new URL('node_modules/.cache/onestop-ts/', root));
const OPTIONS = {
  jsc: {
    target: 'es2022',
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    keepClassNames: true,
  },
  module: { type: 'es6' },
  sourceMaps: 'inline',
};
const ALIASES = {
  '@onestop/domain': 'libs/domain/src/index.ts',
  '@onestop/platform': 'libs/platform/src/index.ts',
  '@onestop/platform/testing': 'libs/platform/src/testing/index.ts',
};

export async function resolve(specifier, context, nextResolve) {
  if (ALIASES[specifier]) return { url: new URL(ALIASES[specifier], root).href, shortCircuit: true };
  if ((specifier.startsWith('./') || specifier.startsWith('../')) && specifier.endsWith('.js') && context.parentURL?.endsWith('.ts')) {
    const source = new URL(`${specifier.slice(0, -3)}.ts`, context.parentURL);
    if (existsSync(fileURLToPath(source))) return { url: source.href, shortCircuit: true };
  }
  return nextResolve(specifier, context);
}

export async function load(url, context, nextLoad) {
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return nextLoad(url, context);
  const filename = fileURLToPath(url);
  const source = await readFile(filename, 'utf8');
  const cached = `${cache}${createHash('sha256').update(filename).update('\0').update(source).digest('hex')}.js`;
  let code = await readFile(cached, 'utf8').catch(() => undefined);
  if (code === undefined) {
    ({ code } = await transform(source, { filename, ...OPTIONS }));
    await mkdir(cache, { recursive: true });
    const temporary = `${cached}.${process.pid}.tmp`;
    await writeFile(temporary, code);
    await rename(temporary, cached);
  }
  return { format: 'module', source: code, shortCircuit: true };
}
