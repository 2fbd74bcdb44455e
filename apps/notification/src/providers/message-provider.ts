import type { ApplicantChannel } from '@onestop/domain';

/** A message as a provider gets it. */
export interface OutgoingMessage {
  /** Ours, unique per message and resend: providers that deduplicate do it on this, so a retried send is not delivered twice. */
  reference: string;
  /** A phone number (SMS, Zalo) or an email address. */
  recipient: string;
  subject: string | null;
  body: string;
  /** Zalo: the ZNS template registered with Zalo, filled with `templateData`. */
  providerTemplateId: string | null;
  templateData: Record<string, string> | null;
}

export interface ProviderAcceptance {
  /** The provider's id of the message, which its delivery receipts name. */
  providerMessageId: string;
}

/** The provider cannot be reached or failed for now (a timeout, a 5xx, a 4xx SMTP reply): try again later. */
export class ProviderUnavailableError extends Error {
  override readonly name = 'ProviderUnavailableError';
}

/** The provider answered and will not take this message (a bad number, a 5xx SMTP reply): retrying changes nothing. */
export class ProviderRefusedError extends Error {
  override readonly name = 'ProviderRefusedError';
}

/** One channel's provider: the simulated one (`npm start`, tests) or the real one, chosen by settings. */
export abstract class MessageProvider {
  abstract readonly channel: ApplicantChannel;
  /** `simulated`, `smtp` or `http`, for the logs and the admin's view. */
  abstract readonly kind: string;
  abstract send(message: OutgoingMessage): Promise<ProviderAcceptance>;
  async close(): Promise<void> {}
}

/** The DI tokens of the three providers. */
export abstract class EmailProvider extends MessageProvider {}
export abstract class SmsProvider extends MessageProvider {}
export abstract class ZaloProvider extends MessageProvider {}

/** A provider's answer, shortened for the message's record (never the message's content). */
export function providerAnswer(status: number | string, body: string): string {
  return `${status}: ${body.replace(/\s+/g, ' ').trim()}`.slice(0, 500);
}
