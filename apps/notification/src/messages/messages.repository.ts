import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

export type MessageStatus = 'pending' | 'sent' | 'delivered' | 'failed';

export interface MessageRow {
  id: string;
  event_id: string;
  kind: string;
  channel: 'sms' | 'email' | 'zalo';
  recipient: string;
  dossier_code: string | null;
  complaint_id: string | null;
  subject: string | null;
  body: string | null;
  provider_template_id: string | null;
  template_data: Record<string, string> | null;
  required: boolean;
  status: MessageStatus;
  attempts: number;
  resends: number;
  next_attempt_at: Date | null;
  not_before: Date;
  provider_message_id: string | null;
  last_error: string | null;
  sent_at: Date | null;
  delivered_at: Date | null;
  failed_at: Date | null;
  purged_at: Date | null;
  created_at: Date;
}

export interface NewMessage {
  id: string;
  eventId: string;
  kind: string;
  channel: 'sms' | 'email' | 'zalo';
  recipient: string;
  dossierCode: string | null;
  complaintId: string | null;
  subject: string | null;
  body: string;
  providerTemplateId: string | null;
  templateData: Record<string, string> | null;
  required: boolean;
  notBefore: Date;
  /** On the services' clock, which the retention counts from. */
  createdAt: Date;
}

export interface MessageFilter {
  status: MessageStatus | null;
  dossierCode: string | null;
  channel: string | null;
  before: { createdAt: string; id: string } | null;
  limit: number;
}

/** Every statement on `messages` (and their `delivery_receipts`). */
@Injectable()
export class MessagesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The messages of one event, each once per channel and recipient: a second delivery of the event inserts nothing. */
  async insert(messages: NewMessage[], manager: EntityManager): Promise<number> {
    if (messages.length === 0) return 0;
    const rows = (await manager.query(
      `INSERT INTO messages (id, event_id, kind, channel, recipient, dossier_code, complaint_id, subject, body, provider_template_id, template_data, required, status, not_before, next_attempt_at, created_at)
       SELECT m.id, m.event_id, m.kind, m.channel, m.recipient, m.dossier_code, m.complaint_id, m.subject, m.body, m.provider_template_id, m.template_data, m.required, 'pending', m.not_before, now(), m.created_at
         FROM jsonb_to_recordset($1::jsonb) AS m(id uuid, event_id text, kind text, channel text, recipient text, dossier_code text, complaint_id uuid, subject text, body text,
              provider_template_id text, template_data jsonb, required boolean, not_before timestamptz, created_at timestamptz)
       ON CONFLICT (event_id, channel, recipient) DO NOTHING
       RETURNING id`,
      [
        JSON.stringify(
          messages.map((m) => ({
            id: m.id,
            event_id: m.eventId,
            kind: m.kind,
            channel: m.channel,
            recipient: m.recipient,
            dossier_code: m.dossierCode,
            complaint_id: m.complaintId,
            subject: m.subject,
            body: m.body,
            provider_template_id: m.providerTemplateId,
            template_data: m.templateData,
            required: m.required,
            not_before: m.notBefore.toISOString(),
            created_at: m.createdAt.toISOString(),
          })),
        ),
      ],
    )) as unknown[];
    return rows.length;
  }

  /**
   * Claims up to `limit` messages due: pending, past their quiet hours at `now` (the services'
   * clock) and their next attempt (the database's), skipping those another replica holds; the
   * claim is a lease of `leaseSeconds`, after which a crashed sender's messages come back.
   */
  async claimDue(now: Date, limit: number, leaseSeconds: number): Promise<MessageRow[]> {
    // An UPDATE answers [rows, count].
    const [rows] = (await this.dataSource.query(
      `WITH due AS (
         SELECT id FROM messages
          WHERE status = 'pending' AND not_before <= $1 AND next_attempt_at <= now()
          ORDER BY not_before, next_attempt_at LIMIT $2 FOR UPDATE SKIP LOCKED)
       UPDATE messages m SET next_attempt_at = now() + make_interval(secs => $3), attempts = m.attempts + 1, updated_at = now()
         FROM due WHERE m.id = due.id
       RETURNING m.*`,
      [now, limit, leaseSeconds],
    )) as [MessageRow[], number];
    return rows;
  }

  async markSent(id: string, providerMessageId: string, at: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE messages SET status = 'sent', provider_message_id = $2, sent_at = $3, next_attempt_at = NULL, last_error = NULL, updated_at = now() WHERE id = $1 AND status = 'pending'`,
      [id, providerMessageId, at],
    );
  }

  async postpone(id: string, delaySeconds: number, error: string): Promise<void> {
    await this.dataSource.query(`UPDATE messages SET next_attempt_at = now() + make_interval(secs => $2), last_error = $3, updated_at = now() WHERE id = $1 AND status = 'pending'`, [
      id,
      delaySeconds,
      error,
    ]);
  }

  async markFailed(id: string, error: string, at: Date): Promise<void> {
    await this.dataSource.query(`UPDATE messages SET status = 'failed', last_error = $2, failed_at = $3, next_attempt_at = NULL, updated_at = now() WHERE id = $1 AND status = 'pending'`, [id, error, at]);
  }

  /** A failed message goes out again (same row: still one message per event, channel and recipient); false when it is not failed or its text is gone. */
  async resend(id: string): Promise<MessageRow | undefined> {
    const [[row]] = (await this.dataSource.query(
      `UPDATE messages SET status = 'pending', attempts = 0, resends = resends + 1, next_attempt_at = now(), not_before = LEAST(not_before, now()), last_error = NULL, failed_at = NULL, updated_at = now()
        WHERE id = $1 AND status = 'failed' AND body IS NOT NULL
       RETURNING *`,
      [id],
    )) as [MessageRow[], number];
    return row;
  }

  async find(id: string): Promise<MessageRow | undefined> {
    const [row] = (await this.dataSource.query(`SELECT * FROM messages WHERE id = $1`, [id])) as MessageRow[];
    return row;
  }

  async list(filter: MessageFilter): Promise<MessageRow[]> {
    return (await this.dataSource.query(
      `SELECT * FROM messages
        WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR dossier_code = $2) AND ($3::text IS NULL OR channel = $3)
          AND ($4::timestamptz IS NULL OR (created_at, id) < ($4::timestamptz, $5::uuid))
        ORDER BY created_at DESC, id DESC LIMIT $6`,
      [filter.status, filter.dossierCode, filter.channel, filter.before?.createdAt ?? null, filter.before?.id ?? null, filter.limit + 1],
    )) as MessageRow[];
  }

  /** The receipts of messages, oldest first. */
  async receiptsOf(ids: string[]): Promise<Array<{ message_id: string; status: string; at: Date; reason: string | null }>> {
    if (ids.length === 0) return [];
    return (await this.dataSource.query(`SELECT message_id, status, at, reason FROM delivery_receipts WHERE message_id = ANY($1::uuid[]) ORDER BY at, id`, [ids])) as Array<{
      message_id: string;
      status: string;
      at: Date;
      reason: string | null;
    }>;
  }

  /**
   * A provider's receipt for its message id: recorded once per status, and the message marked
   * delivered (or failed, with the reason) unless a receipt already settled it. Null when no
   * message of ours has that provider id.
   */
  async recordReceipt(channel: string, providerMessageId: string, status: 'delivered' | 'failed', at: Date, reason: string | null): Promise<{ messageId: string; recorded: boolean } | null> {
    return this.dataSource.transaction(async (manager) => {
      const [message] = (await manager.query(`SELECT id, status FROM messages WHERE channel = $1 AND provider_message_id = $2 FOR UPDATE`, [channel, providerMessageId])) as Array<{ id: string; status: MessageStatus }>;
      if (!message) return null;
      const inserted = (await manager.query(`INSERT INTO delivery_receipts (message_id, status, at, reason) VALUES ($1, $2, $3, $4) ON CONFLICT (message_id, status) DO NOTHING RETURNING id`, [
        message.id,
        status,
        at,
        reason,
      ])) as unknown[];
      if (inserted.length > 0 && message.status === 'sent') {
        await manager.query(
          status === 'delivered'
            ? `UPDATE messages SET status = 'delivered', delivered_at = $2, updated_at = now() WHERE id = $1`
            : `UPDATE messages SET status = 'failed', failed_at = $2, last_error = $3, updated_at = now() WHERE id = $1`,
          status === 'delivered' ? [message.id, at] : [message.id, at, `receipt: ${reason ?? 'not delivered'}`.slice(0, 500)],
        );
      }
      return { messageId: message.id, recorded: inserted.length > 0 };
    });
  }

  /** The text of messages older than `before` goes: only their status stays (a pending one keeps it until it is sent or fails). */
  async purgeBefore(before: Date, at: Date): Promise<number> {
    const [, count] = (await this.dataSource.query(
      `UPDATE messages SET body = NULL, subject = NULL, template_data = NULL, purged_at = $2, updated_at = now()
        WHERE body IS NOT NULL AND created_at < $1 AND status <> 'pending'`,
      [before, at],
    )) as [unknown, number];
    return count;
  }

  /**
   * A dossier's personal data erased at the end of its retention: its messages keep their kind,
   * channel, status and times, not whom they went to nor what they said.
   */
  async eraseDossier(dossierCode: string, at: Date, manager: EntityManager): Promise<void> {
    await manager.query(
      `UPDATE messages SET recipient = 'erased:' || id, body = NULL, subject = NULL, template_data = NULL, last_error = NULL, purged_at = COALESCE(purged_at, $2), updated_at = now()
        WHERE dossier_code = $1`,
      [dossierCode, at],
    );
  }
}
