import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import pg from 'pg';
import { NotificationConfig } from '../config.js';
import { NOTICE_CHANNEL } from './notices.repository.js';

type Wake = () => void;

/**
 * Tells the live streams of this replica that an officer has new notices. Notices are announced
 * with pg_notify in the transaction that writes them, so a stream hears of a notice only once it
 * is committed, whichever replica wrote it. One LISTEN connection per replica, opened with the
 * first stream and kept; when it drops it is opened again, and every stream is woken to catch
 * up on what it may have missed meanwhile (each stream reads from the last notice it sent).
 */
@Injectable()
export class NoticeStream implements OnApplicationShutdown {
  private readonly logger = new Logger('NoticeStream');
  private readonly listeners = new Map<string, Set<Wake>>();
  private client?: pg.Client;
  private connecting?: Promise<void>;
  private closed = false;
  private retryTimer?: NodeJS.Timeout;

  constructor(private readonly config: NotificationConfig) {}

  /** Calls `wake` whenever the officer may have new notices, until the returned function is called. */
  async subscribe(recipient: string, wake: Wake): Promise<() => void> {
    await this.connect();
    let set = this.listeners.get(recipient);
    if (!set) this.listeners.set(recipient, (set = new Set()));
    set.add(wake);
    return () => {
      set.delete(wake);
      if (set.size === 0) this.listeners.delete(recipient);
    };
  }

  get streams(): number {
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retryTimer);
    await this.client?.end().catch(() => undefined);
  }

  private connect(): Promise<void> {
    if (this.client) return Promise.resolve();
    this.connecting ??= (async () => {
      const client = new pg.Client({ connectionString: this.config.DATABASE_URL });
      client.on('notification', (message) => {
        if (message.channel === NOTICE_CHANNEL && message.payload) for (const wake of this.listeners.get(message.payload) ?? []) wake();
      });
      client.on('error', (error) => {
        this.logger.warn(`the notice channel dropped: ${error.message}; listening again shortly`);
        this.reconnectSoon(client);
      });
      client.on('end', () => this.reconnectSoon(client));
      await client.connect();
      await client.query(`LISTEN ${NOTICE_CHANNEL}`);
      this.client = client;
    })().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private reconnectSoon(dropped: pg.Client): void {
    if (this.client !== dropped) return;
    this.client = undefined;
    this.retry();
  }

  private retry(): void {
    if (this.closed) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.connect()
        .then(() => {
          for (const set of this.listeners.values()) for (const wake of set) wake();
        })
        .catch((error: unknown) => {
          this.logger.warn(`cannot listen for notices: ${error instanceof Error ? error.message : String(error)}`);
          if (this.listeners.size > 0) this.retry();
        });
    }, 1000);
  }
}
