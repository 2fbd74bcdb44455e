import type { Provider } from '@nestjs/common';
import { PostalConfig } from '../config.js';
import { Carrier } from './carrier.js';
import { HttpCarrier } from './http-carrier.js';
import { SimulatedCarrier } from './simulated-carrier.js';

/** The carrier shipments go to, as CARRIER says: the built-in simulated one, or the HTTP carrier. */
export const CARRIER_PROVIDER: Provider = {
  provide: Carrier,
  useFactory: (config: PostalConfig, simulated: SimulatedCarrier): Carrier =>
    config.CARRIER === 'http'
      ? new HttpCarrier({ code: config.CARRIER_CODE, baseUrl: config.CARRIER_URL!, apiKey: config.CARRIER_API_KEY!, callbackSecret: config.CARRIER_CALLBACK_SECRET!, timeoutMs: config.HTTP_TIMEOUT_MS })
      : simulated,
  inject: [PostalConfig, SimulatedCarrier],
};
