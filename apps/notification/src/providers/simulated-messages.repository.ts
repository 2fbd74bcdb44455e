import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

export interface SimulatedMessageRow {
  seq: string;
  channel: string;
  recipient: string;
  subject: string | null;
  body: string | null;
  reference: string;
  provider_message_id: string;
  received_at: Date;
}

/** Every statement on `simulated_messages`: what the simulated providers were given. */
@Injectable()
export class SimulatedMessagesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Takes a message once per reference, as a real provider deduplicates: a repeat answers the first one's id. */
  async take(row: { channel: string; recipient: string; subject: string | null; body: string; reference: string; providerMessageId: string }): Promise<string> {
    const [taken] = (await this.dataSource.query(
      `INSERT INTO simulated_messages (channel, recipient, subject, body, reference, provider_message_id) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (channel, reference) DO UPDATE SET reference = EXCLUDED.reference
       RETURNING provider_message_id`,
      [row.channel, row.recipient, row.subject, row.body, row.reference, row.providerMessageId],
    )) as Array<{ provider_message_id: string }>;
    return taken.provider_message_id;
  }

  async list(filter: { channel: string | null; recipient: string | null; beforeSeq: string | null; limit: number }): Promise<SimulatedMessageRow[]> {
    return (await this.dataSource.query(
      `SELECT * FROM simulated_messages
        WHERE ($1::text IS NULL OR channel = $1) AND ($2::text IS NULL OR recipient = $2) AND ($3::bigint IS NULL OR seq < $3::bigint)
        ORDER BY seq DESC LIMIT $4`,
      [filter.channel, filter.recipient, filter.beforeSeq, filter.limit + 1],
    )) as SimulatedMessageRow[];
  }

  /** After the retention, as for the messages themselves: only that something was sent stays. */
  async purgeBefore(before: Date): Promise<number> {
    const [, count] = (await this.dataSource.query(`UPDATE simulated_messages SET body = NULL, subject = NULL WHERE body IS NOT NULL AND received_at < $1`, [before])) as [unknown, number];
    return count;
  }
}
