import { randomBytes } from 'node:crypto';
import type { Provider } from '@nestjs/common';
import { NotificationConfig } from '../config.js';
import { HttpSmsProvider } from './http-sms.provider.js';
import { HttpZaloProvider } from './http-zalo.provider.js';
import { EmailProvider, SmsProvider, ZaloProvider } from './message-provider.js';
import { SimulatedMessagesRepository } from './simulated-messages.repository.js';
import { SimulatedProvider } from './simulated.provider.js';
import { SmtpEmailProvider } from './smtp-email.provider.js';

/** The secret delivery receipts are signed with: the configured one, or one made per start for the simulated providers. */
export class ReceiptSecret {
  constructor(readonly value: string) {}
}

/** Each channel's provider as the settings say: the simulated one, or SMTP / the HTTP gateways. */
export const MESSAGE_PROVIDERS: Provider[] = [
  {
    provide: EmailProvider,
    useFactory: (config: NotificationConfig, simulated: SimulatedMessagesRepository): EmailProvider =>
      config.EMAIL_PROVIDER === 'smtp' ? new SmtpEmailProvider({ url: config.SMTP_URL!, from: config.EMAIL_FROM, timeoutMs: config.HTTP_TIMEOUT_MS }) : new SimulatedProvider('email', simulated),
    inject: [NotificationConfig, SimulatedMessagesRepository],
  },
  {
    provide: SmsProvider,
    useFactory: (config: NotificationConfig, simulated: SimulatedMessagesRepository): SmsProvider =>
      config.SMS_PROVIDER === 'http'
        ? new HttpSmsProvider({ baseUrl: config.SMS_URL!, apiKey: config.SMS_API_KEY!, brandName: config.SMS_BRAND_NAME, timeoutMs: config.HTTP_TIMEOUT_MS })
        : new SimulatedProvider('sms', simulated),
    inject: [NotificationConfig, SimulatedMessagesRepository],
  },
  {
    provide: ZaloProvider,
    useFactory: (config: NotificationConfig, simulated: SimulatedMessagesRepository): ZaloProvider =>
      config.ZALO_PROVIDER === 'http' ? new HttpZaloProvider({ baseUrl: config.ZALO_URL!, accessToken: config.ZALO_ACCESS_TOKEN!, timeoutMs: config.HTTP_TIMEOUT_MS }) : new SimulatedProvider('zalo', simulated),
    inject: [NotificationConfig, SimulatedMessagesRepository],
  },
  {
    provide: ReceiptSecret,
    useFactory: (config: NotificationConfig) => new ReceiptSecret(config.PROVIDER_RECEIPT_SECRET ?? randomBytes(24).toString('hex')),
    inject: [NotificationConfig],
  },
];
