export * from './test-database.js';
export * from './test-service.js';
