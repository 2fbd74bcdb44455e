import { accessPolicy } from '@onestop/platform';

/** Who may call payment's operations. */
export const PaymentAccess = accessPolicy('payment', {});
