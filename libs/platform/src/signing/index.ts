export * from './result-signer.js';
export * from './cms.js';
export * from './pkcs12-signer.js';
export * from './remote-signer.js';
export * from './pades.js';
export * from './verify-pdf.js';
export * from './test-ca.js';
