export * from './test-database.js';
export * from './test-service.js';
export * from './service-under-test.js';
export * from './eventually.js';
export * from './pdf-text.js';
export * from './pdfsig.js';
export * from './test-signing.js';
