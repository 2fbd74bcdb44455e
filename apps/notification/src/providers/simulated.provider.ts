import { randomUUID } from 'node:crypto';
import type { ApplicantChannel } from '@onestop/domain';
import { MessageProvider, type OutgoingMessage, type ProviderAcceptance } from './message-provider.js';
import type { SimulatedMessagesRepository } from './simulated-messages.repository.js';

/**
 * The built-in provider of a channel under `npm start` (and tests that do not stand up a fake):
 * takes every message at once and keeps it in `simulated_messages`, where an administrator
 * reads what "arrived" (`GET /simulated-messages`), as a provider's console would show it. A
 * reference given twice is the same message, as real providers deduplicate.
 */
export class SimulatedProvider extends MessageProvider {
  readonly kind = 'simulated';

  constructor(
    readonly channel: ApplicantChannel,
    private readonly messages: SimulatedMessagesRepository,
  ) {
    super();
  }

  async send(message: OutgoingMessage): Promise<ProviderAcceptance> {
    const providerMessageId = await this.messages.take({
      channel: this.channel,
      recipient: message.recipient,
      subject: message.subject,
      body: message.body,
      reference: message.reference,
      providerMessageId: `sim-${this.channel}-${randomUUID()}`,
    });
    return { providerMessageId };
  }
}
