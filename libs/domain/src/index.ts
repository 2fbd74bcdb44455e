export * from './services.js';
export * from './roles.js';
export * from './catalog/online-level.js';
export * from './catalog/procedure.js';
export * from './events/envelope.js';
export * from './events/catalog-events.js';
export * from './events/contracts.js';
