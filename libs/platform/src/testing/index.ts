export * from './test-database.js';
export * from './test-service.js';
export * from './pdf-text.js';
