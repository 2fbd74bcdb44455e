import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Clock, PeriodicTask } from '@onestop/platform';
import { NotificationConfig } from '../config.js';
import { SimulatedMessagesRepository } from '../providers/simulated-messages.repository.js';
import { MessagesRepository } from './messages.repository.js';

const HOURLY = 3_600_000;

/**
 * Message texts are personal data kept only as long as a resend may need them: past
 * MESSAGE_RETENTION_DAYS (on the services' clock) the text, subject and Zalo parameters of every
 * message no longer pending go, and only the status stays; the simulated providers' copies too.
 */
@Injectable()
export class MessageRetention implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('MessageRetention');
  private readonly task = new PeriodicTask('message-retention', this.logger, () => this.purge());

  constructor(
    private readonly messages: MessagesRepository,
    private readonly simulated: SimulatedMessagesRepository,
    private readonly config: NotificationConfig,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.task.start(HOURLY, { runNow: true });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.task.stop();
  }

  async purge(): Promise<number> {
    const now = this.clock.now();
    const before = new Date(now.getTime() - this.config.MESSAGE_RETENTION_DAYS * 86_400_000);
    const purged = await this.messages.purgeBefore(before, now);
    await this.simulated.purgeBefore(before);
    if (purged > 0) this.logger.log(`removed the text of ${purged} messages past ${this.config.MESSAGE_RETENTION_DAYS} days`);
    return purged;
  }
}
