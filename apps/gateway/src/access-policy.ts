import { accessPolicy } from '@onestop/platform';

/** Who may call the gateway's own operations: signing in is public, API keys and the audit log are for admins. */
export const GatewayAccess = accessPolicy('gateway', {
  signIn: { entry: 'public', operations: ['POST /api/v1/auth/token', 'GET /api/v1/auth/jwks.json'] },
  manageApiKeys: { roles: ['admin'], operations: ['GET /api/v1/api-keys', 'POST /api/v1/api-keys', 'DELETE /api/v1/api-keys/{id}'] },
  readAuditLog: { roles: ['admin'], operations: ['GET /api/v1/audit'] },
});
