import { accessPolicy } from '@onestop/platform';

/** Who may call notification's operations. */
export const NotificationAccess = accessPolicy('notification', {});
