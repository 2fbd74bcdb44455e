import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { type ApplicantChannel, maskContactsIn, maskRecipient } from '@onestop/domain';
import { Clock, DrainLoop, jitteredBackoff } from '@onestop/platform';
import { NotificationConfig } from '../config.js';
import { EmailProvider, type MessageProvider, ProviderRefusedError, SmsProvider, ZaloProvider } from '../providers/message-provider.js';
import { type MessageRow, MessagesRepository } from './messages.repository.js';

const BATCH_SIZE = 25;
/** Messages of one round sent at once: providers take several connections, and one slow answer does not hold the rest. */
const PARALLEL_SENDS = 8;

/**
 * The messages' outbox: each message written with its event is sent to its channel's provider
 * until the provider takes it, with exponential back-off while it is down; past
 * MESSAGE_MAX_ATTEMPTS, or at once when the provider refuses it, it is `failed` with the
 * provider's answer, for an administrator to see and resend. Rows are claimed under a lease with
 * `FOR UPDATE SKIP LOCKED`, as the event outbox does, so replicas share the work and never send
 * one message together; each send carries the message's reference, on which providers
 * deduplicate, so a send whose answer was lost is not delivered twice.
 */
@Injectable()
export class MessageDispatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Messages');
  private readonly loop = new DrainLoop({
    name: 'message-dispatch',
    roundName: 'message round',
    logger: this.logger,
    batchSize: BATCH_SIZE,
    soonMs: 20,
    pollMs: () => this.config.OUTBOX_POLL_MS,
    round: () => this.sendDue(),
  });
  private readonly providers: Record<ApplicantChannel, MessageProvider>;

  constructor(
    private readonly messages: MessagesRepository,
    private readonly config: NotificationConfig,
    private readonly clock: Clock,
    email: EmailProvider,
    sms: SmsProvider,
    zalo: ZaloProvider,
  ) {
    this.providers = { email, sms, zalo };
  }

  onApplicationBootstrap(): void {
    for (const provider of Object.values(this.providers)) if (provider.kind === 'simulated') this.logger.log(`${provider.channel} goes to the simulated provider (read at /api/v1/simulated-messages)`);
    this.loop.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.loop.stop();
    await Promise.all(Object.values(this.providers).map((p) => p.close()));
  }

  /** Asks for a round shortly (after the caller's transaction has committed). */
  nudge(): void {
    this.loop.nudge();
  }

  /** One round: claims the due messages and sends them. Returns how many were claimed. */
  async sendDue(): Promise<number> {
    // Longer than the whole round can take (its groups one after another, each send bounded by
    // the timeouts), so another replica never takes a message this one is still sending.
    const leaseSeconds = Math.ceil(BATCH_SIZE / PARALLEL_SENDS) * Math.ceil((this.config.HTTP_TIMEOUT_MS * 3) / 1000) + 5;
    const claimed = await this.messages.claimDue(this.clock.now(), BATCH_SIZE, leaseSeconds);
    for (let i = 0; i < claimed.length; i += PARALLEL_SENDS) await Promise.all(claimed.slice(i, i + PARALLEL_SENDS).map((m) => this.send(m)));
    return claimed.length;
  }

  private async send(message: MessageRow): Promise<void> {
    const to = maskRecipient(message.recipient);
    if (message.body === null) {
      await this.messages.markFailed(message.id, 'the text was purged before it could be sent', this.clock.now());
      return;
    }
    const provider = this.providers[message.channel];
    try {
      const accepted = await provider.send({
        reference: message.resends > 0 ? `${message.id}.${message.resends}` : message.id,
        recipient: message.recipient,
        subject: message.subject,
        body: message.body,
        providerTemplateId: message.provider_template_id,
        templateData: message.template_data,
      });
      await this.messages.markSent(message.id, accepted.providerMessageId, this.clock.now());
      this.logger.debug(`${message.kind} by ${message.channel} to ${to} taken by ${provider.kind} as ${accepted.providerMessageId}`);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      if (error instanceof ProviderRefusedError || message.attempts >= this.config.MESSAGE_MAX_ATTEMPTS) {
        this.logger.error(`${message.kind} by ${message.channel} to ${to} failed after ${message.attempts} attempt(s): ${maskContactsIn(why)}`);
        await this.messages.markFailed(message.id, why.slice(0, 1000), this.clock.now());
        return;
      }
      const delayMs = jitteredBackoff(message.attempts, this.config.OUTBOX_MAX_BACKOFF_MS);
      this.logger.warn(`${message.kind} by ${message.channel} to ${to} not taken (attempt ${message.attempts}), retry in ${delayMs} ms: ${maskContactsIn(why)}`);
      await this.messages.postpone(message.id, delayMs / 1000, why.slice(0, 1000));
    }
  }
}
