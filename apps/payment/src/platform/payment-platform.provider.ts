import type { Provider } from '@nestjs/common';
import { PaymentConfig } from '../config.js';
import { PaymentPlatform } from './payment-platform.js';
import { PaygovPlatform } from './paygov-platform.js';
import { SimulatedPlatform } from './simulated-platform.js';

/** The platform bills are paid on, as PAYMENT_PLATFORM says: the built-in simulated one, or PayGov. */
export const PAYMENT_PLATFORM_PROVIDER: Provider = {
  provide: PaymentPlatform,
  useFactory: (config: PaymentConfig, simulated: SimulatedPlatform): PaymentPlatform =>
    config.PAYMENT_PLATFORM === 'paygov'
      ? new PaygovPlatform({
          partnerCode: config.PAYGOV_PARTNER_CODE,
          secretKey: config.PAYGOV_SECRET_KEY!,
          initUrl: config.PAYGOV_INIT_URL!,
          statusUrl: config.PAYGOV_STATUS_URL!,
          reconciliationUrl: config.PAYGOV_RECONCILIATION_URL!,
          accessToken: config.PAYGOV_ACCESS_TOKEN,
          serviceCode: config.PAYGOV_SERVICE_CODE,
          channelCode: config.PAYGOV_CHANNEL_CODE,
          deviceCode: config.PAYGOV_DEVICE_CODE,
          timeoutMs: config.HTTP_TIMEOUT_MS,
        })
      : simulated,
  inject: [PaymentConfig, SimulatedPlatform],
};
