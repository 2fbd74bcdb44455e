import { smsSegments } from '@onestop/domain';
import { callProvider, joinUrl } from './http-json.js';
import { type OutgoingMessage, type ProviderAcceptance, ProviderUnavailableError, providerAnswer, SmsProvider } from './message-provider.js';

export interface HttpSmsOptions {
  baseUrl: string;
  apiKey: string;
  brandName: string;
  timeoutMs: number;
}

/**
 * A brand-name SMS gateway (tin nhắn thương hiệu), as notification speaks it:
 * `POST {SMS_URL}/messages` with `Authorization: Bearer <SMS_API_KEY>` and
 * `Idempotency-Key: <reference>` (a repeated key is the same message, not a second one), body
 * `{ brandName, to, text, encoding: 'gsm7' | 'ucs2', reference }` → 2xx `{ messageId }`.
 * Delivery receipts come back signed to `/api/v1/provider-receipts/sms`.
 */
export class HttpSmsProvider extends SmsProvider {
  readonly channel = 'sms' as const;
  readonly kind = 'http';

  constructor(private readonly options: HttpSmsOptions) {
    super();
  }

  async send(message: OutgoingMessage): Promise<ProviderAcceptance> {
    const answer = await callProvider(joinUrl(this.options.baseUrl, '/messages'), {
      headers: { authorization: `Bearer ${this.options.apiKey}`, 'idempotency-key': message.reference },
      body: { brandName: this.options.brandName, to: message.recipient, text: message.body, encoding: smsSegments(message.body).encoding, reference: message.reference },
      timeoutMs: this.options.timeoutMs,
    });
    if (typeof answer.messageId !== 'string' || !answer.messageId) throw new ProviderUnavailableError(providerAnswer('2xx', `no messageId in ${JSON.stringify(answer)}`));
    return { providerMessageId: answer.messageId };
  }
}
