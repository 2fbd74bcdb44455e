import { createTransport } from 'nodemailer';
import { EmailProvider, type OutgoingMessage, type ProviderAcceptance, ProviderRefusedError, ProviderUnavailableError, providerAnswer } from './message-provider.js';

export interface SmtpOptions {
  url: string;
  from: string;
  timeoutMs: number;
}

/**
 * Email through an SMTP server (the province's mail relay), with nodemailer: a small pool of
 * connections kept open, STARTTLS when the server offers it, UTF-8 headers and body (subjects
 * as RFC 2047 encoded words, the text quoted-printable), so Vietnamese arrives intact. Our
 * message reference is the Message-ID. A 5xx reply is a refusal (the mailbox does not exist);
 * a 4xx reply, a timeout or a lost connection means try again.
 */
export class SmtpEmailProvider extends EmailProvider {
  readonly channel = 'email' as const;
  readonly kind = 'smtp';
  private readonly transport;
  private readonly domain: string;

  constructor(private readonly options: SmtpOptions) {
    super();
    this.transport = createTransport({
      url: options.url,
      pool: true,
      maxConnections: 4,
      connectionTimeout: options.timeoutMs,
      greetingTimeout: options.timeoutMs,
      socketTimeout: options.timeoutMs * 2,
    });
    this.domain = /@([^>\s]+)>?\s*$/.exec(options.from)?.[1] ?? 'localhost';
  }

  async send(message: OutgoingMessage): Promise<ProviderAcceptance> {
    const messageId = `<${message.reference}@${this.domain}>`;
    try {
      const info = await this.transport.sendMail({
        from: this.options.from,
        to: message.recipient,
        subject: message.subject ?? '',
        text: message.body,
        messageId,
        textEncoding: 'quoted-printable',
      });
      if (info.rejected.length > 0) throw new ProviderRefusedError(providerAnswer('rejected', String(info.response)));
      return { providerMessageId: info.messageId || messageId };
    } catch (error) {
      if (error instanceof ProviderRefusedError) throw error;
      const failure = error as Error & { responseCode?: number; code?: string; response?: string };
      const answer = providerAnswer(failure.responseCode ?? failure.code ?? 'error', failure.response ?? failure.message);
      if (failure.responseCode !== undefined && failure.responseCode >= 500) throw new ProviderRefusedError(answer);
      throw new ProviderUnavailableError(answer);
    }
  }

  override async close(): Promise<void> {
    this.transport.close();
  }
}
