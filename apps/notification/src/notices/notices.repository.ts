import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

/** The channel a committed notice is announced on, to every replica's live streams. */
export const NOTICE_CHANNEL = 'notification_notices';

export interface NoticeRow {
  seq: string;
  id: string;
  event_id: string;
  recipient: string;
  kind: string;
  dossier_code: string | null;
  title: string;
  body: string;
  created_at: Date;
  read_at: Date | null;
}

export interface NewNotice {
  id: string;
  eventId: string;
  recipient: string;
  kind: string;
  dossierCode: string | null;
  title: string;
  body: string;
  createdAt: Date;
}

/** Every statement on `notices`, the officers' in-app notices. */
@Injectable()
export class NoticesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * An event's notices, once per officer; each new one is announced with pg_notify, which
   * PostgreSQL delivers when (and only if) the transaction commits, to every replica listening.
   */
  async insert(notices: NewNotice[], manager: EntityManager): Promise<number> {
    if (notices.length === 0) return 0;
    const rows = (await manager.query(
      `WITH inserted AS (
         INSERT INTO notices (id, event_id, recipient, kind, dossier_code, title, body, created_at)
         SELECT n.id, n.event_id, n.recipient, n.kind, n.dossier_code, n.title, n.body, n.created_at
           FROM jsonb_to_recordset($1::jsonb) AS n(id uuid, event_id text, recipient text, kind text, dossier_code text, title text, body text, created_at timestamptz)
         ON CONFLICT (event_id, recipient) DO NOTHING
         RETURNING recipient)
       SELECT pg_notify($2, recipient) FROM inserted`,
      [
        JSON.stringify(notices.map((n) => ({ id: n.id, event_id: n.eventId, recipient: n.recipient, kind: n.kind, dossier_code: n.dossierCode, title: n.title, body: n.body, created_at: n.createdAt.toISOString() }))),
        NOTICE_CHANNEL,
      ],
    )) as unknown[];
    return rows.length;
  }

  /** A page of an officer's notices, newest first, from before `beforeSeq`. */
  async list(recipient: string, filter: { unreadOnly: boolean; beforeSeq: string | null; limit: number }): Promise<NoticeRow[]> {
    return (await this.dataSource.query(
      `SELECT * FROM notices WHERE recipient = $1 AND ($2::boolean IS FALSE OR read_at IS NULL) AND ($3::bigint IS NULL OR seq < $3::bigint)
        ORDER BY seq DESC LIMIT $4`,
      [recipient, filter.unreadOnly, filter.beforeSeq, filter.limit + 1],
    )) as NoticeRow[];
  }

  /** An officer's notices after `afterSeq`, oldest first: what a live stream has not sent yet. */
  async after(recipient: string, afterSeq: string, limit: number): Promise<NoticeRow[]> {
    return (await this.dataSource.query(`SELECT * FROM notices WHERE recipient = $1 AND seq > $2::bigint ORDER BY seq LIMIT $3`, [recipient, afterSeq, limit])) as NoticeRow[];
  }

  async seqOf(recipient: string, id: string): Promise<string | undefined> {
    const [row] = (await this.dataSource.query(`SELECT seq::text AS seq FROM notices WHERE recipient = $1 AND id = $2`, [recipient, id])) as Array<{ seq: string }>;
    return row?.seq;
  }

  async latestSeq(recipient: string): Promise<string> {
    const [row] = (await this.dataSource.query(`SELECT coalesce(max(seq), 0)::text AS seq FROM notices WHERE recipient = $1`, [recipient])) as Array<{ seq: string }>;
    return row.seq;
  }

  async unreadCount(recipient: string): Promise<number> {
    const [row] = (await this.dataSource.query(`SELECT count(*)::int AS n FROM notices WHERE recipient = $1 AND read_at IS NULL`, [recipient])) as Array<{ n: number }>;
    return row.n;
  }

  /** Marks one of the officer's notices read (kept at its first reading); undefined when it is not theirs. */
  async markRead(recipient: string, id: string, at: Date): Promise<NoticeRow | undefined> {
    const [[row]] = (await this.dataSource.query(`UPDATE notices SET read_at = coalesce(read_at, $3) WHERE recipient = $1 AND id = $2 RETURNING *`, [recipient, id, at])) as [NoticeRow[], number];
    return row;
  }

  /** Marks all the officer's unread notices up to `uptoSeq` (all when null) read. */
  async markAllRead(recipient: string, uptoSeq: string | null, at: Date): Promise<number> {
    const [, count] = (await this.dataSource.query(`UPDATE notices SET read_at = $3 WHERE recipient = $1 AND read_at IS NULL AND ($2::bigint IS NULL OR seq <= $2::bigint)`, [recipient, uptoSeq, at])) as [
      unknown,
      number,
    ];
    return count;
  }
}
