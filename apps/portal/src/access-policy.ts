import { accessPolicy } from '@onestop/platform';

/** Who may call portal's operations. */
export const PortalAccess = accessPolicy('portal', {});
