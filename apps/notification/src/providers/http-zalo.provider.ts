import { callProvider, joinUrl } from './http-json.js';
import { type OutgoingMessage, type ProviderAcceptance, ProviderRefusedError, ProviderUnavailableError, providerAnswer, ZaloProvider } from './message-provider.js';

export interface HttpZaloOptions {
  baseUrl: string;
  accessToken: string;
  timeoutMs: number;
}

/** Zalo's own failures that pass (its system busy, a quota per second): retried; any other error code is a refusal. */
const TRANSIENT_ZALO_ERRORS = new Set([-32, -100, -1000]);

/**
 * Zalo's template messages (ZNS), sent to the phone number of the applicant's Zalo account:
 * `POST {ZALO_URL}/message/template` with header `access_token` (the Official Account's token),
 * body `{ phone: '84…', template_id, template_data, tracking_id }` → `{ error: 0, data: { msg_id } }`;
 * a non-zero `error` is Zalo refusing (an unknown template, a phone without Zalo), its `message`
 * kept. Receipts come back signed to `/api/v1/provider-receipts/zalo`.
 */
export class HttpZaloProvider extends ZaloProvider {
  readonly channel = 'zalo' as const;
  readonly kind = 'http';

  constructor(private readonly options: HttpZaloOptions) {
    super();
  }

  async send(message: OutgoingMessage): Promise<ProviderAcceptance> {
    if (!message.providerTemplateId) throw new ProviderRefusedError('no ZNS template id: an administrator sets providerTemplateId on the Zalo template');
    const answer = await callProvider(joinUrl(this.options.baseUrl, '/message/template'), {
      headers: { access_token: this.options.accessToken },
      body: { phone: internationalPhone(message.recipient), template_id: message.providerTemplateId, template_data: message.templateData ?? {}, tracking_id: message.reference },
      timeoutMs: this.options.timeoutMs,
    });
    const error = Number(answer.error);
    if (error !== 0) {
      const said = providerAnswer(`zalo ${String(answer.error)}`, String(answer.message ?? ''));
      throw TRANSIENT_ZALO_ERRORS.has(error) ? new ProviderUnavailableError(said) : new ProviderRefusedError(said);
    }
    const msgId = (answer.data as { msg_id?: unknown } | undefined)?.msg_id;
    if (typeof msgId !== 'string' || !msgId) throw new ProviderUnavailableError(providerAnswer('zalo 0', `no msg_id in ${JSON.stringify(answer)}`));
    return { providerMessageId: msgId };
  }
}

/** `0912345678` → `84912345678`, as ZNS takes phone numbers. */
export function internationalPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.startsWith('0') ? `84${digits.slice(1)}` : digits;
}
