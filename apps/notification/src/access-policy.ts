import type { Role } from '@onestop/domain';
import { accessPolicy } from '@onestop/platform';

/** The officers who work on cases: their in-app notices. */
const OFFICERS: readonly Role[] = ['reception', 'specialist', 'leader'];

/** Who may call notification's operations. */
export const NotificationAccess = accessPolicy('notification', {
  /** Officers read their own notices (no one else's), and follow them live. */
  readNotices: {
    roles: OFFICERS,
    operations: ['GET /api/v1/notifications', 'GET /api/v1/notifications/unread-count', 'GET /api/v1/notifications/stream'],
  },
  markNotices: { roles: OFFICERS, operations: ['POST /api/v1/notifications/{id}/read', 'POST /api/v1/notifications/read'] },
  /** The wording of every message and notice. */
  manageTemplates: {
    roles: ['admin'],
    operations: ['GET /api/v1/notification-templates', 'GET /api/v1/notification-templates/{kind}/{channel}', 'PUT /api/v1/notification-templates/{kind}/{channel}', 'DELETE /api/v1/notification-templates/{kind}/{channel}'],
  },
  /** A citizen's own channels (the account's). */
  ownPreferences: { roles: ['citizen'], operations: ['GET /api/v1/notification-preferences/me', 'PUT /api/v1/notification-preferences/me'] },
  /** The one email of an organisation, given at the counter or by an administrator. */
  organisationContacts: {
    roles: ['reception', 'admin'],
    operations: ['GET /api/v1/notification-preferences/organisations/{idNumber}', 'PUT /api/v1/notification-preferences/organisations/{idNumber}'],
  },
  /** Messages sent, their status and the provider's answers. */
  readMessages: { roles: ['admin'], operations: ['GET /api/v1/notification-messages', 'GET /api/v1/notification-messages/{id}'] },
  resendMessage: { roles: ['admin'], operations: ['POST /api/v1/notification-messages/{id}/resend'] },
  /** What the simulated providers received (npm start). */
  readSimulatedMessages: { roles: ['admin'], operations: ['GET /api/v1/simulated-messages'] },
  /** The provider's signature over the body decides (ReceiptSignatureGuard), not a credential of ours. */
  receiveDeliveryReceipt: { entry: 'signed', operations: ['POST /api/v1/provider-receipts/{channel}'] },
});
