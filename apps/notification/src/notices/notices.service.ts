import { type BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import type { Request, Response } from 'express';
import { type Caller, Clock, decodeCursor, type Page, ProblemException, toPage } from '@onestop/platform';
import { NotificationConfig } from '../config.js';
import type { MarkNoticesReadRequest, NoticeListQuery } from './notice.dto.js';
import { type MarkedReadView, type NoticeView, toNoticeView, type UnreadCountView } from './notice.views.js';
import { NoticesRepository } from './notices.repository.js';
import { NoticeStream } from './notice-stream.service.js';

/** Notices sent in one write of a live stream; more follow at once. */
const STREAM_BATCH = 100;

/** An officer's own notices: listed, counted, marked read, and followed live. */
@Injectable()
export class NoticesService implements BeforeApplicationShutdown {
  private readonly open = new Set<Response>();

  constructor(
    private readonly notices: NoticesRepository,
    private readonly stream: NoticeStream,
    private readonly clock: Clock,
    private readonly config: NotificationConfig,
  ) {}

  async list(caller: Caller, query: NoticeListQuery): Promise<Page<NoticeView>> {
    const before = query.cursor ? decodeCursor(query.cursor, { seq: 'digits' }).seq : null;
    const rows = await this.notices.list(caller.subject, { unreadOnly: query.unread === true, beforeSeq: before, limit: query.limit });
    const page = toPage(rows, query.limit, (last) => ({ seq: last.seq }));
    return { items: page.items.map(toNoticeView), nextCursor: page.nextCursor };
  }

  async unread(caller: Caller): Promise<UnreadCountView> {
    return { unread: await this.notices.unreadCount(caller.subject) };
  }

  async markRead(caller: Caller, id: string): Promise<NoticeView> {
    const row = isUUID(id) ? await this.notices.markRead(caller.subject, id, this.clock.now()) : undefined;
    if (!row) throw ProblemException.notFound('notice-not-found', `No notice ${id} of yours.`);
    return toNoticeView(row);
  }

  async markAllRead(caller: Caller, request: MarkNoticesReadRequest): Promise<MarkedReadView> {
    let upTo: string | null = null;
    if (request.upTo) {
      const seq = await this.notices.seqOf(caller.subject, request.upTo);
      if (!seq) throw ProblemException.notFound('notice-not-found', `No notice ${request.upTo} of yours.`);
      upTo = seq;
    }
    const marked = await this.notices.markAllRead(caller.subject, upTo, this.clock.now());
    return { marked, unread: await this.notices.unreadCount(caller.subject) };
  }

  /**
   * Server-sent events: each new notice of the caller as `event: notice` with its id (send it
   * back as `Last-Event-ID` to resume after a drop; without one the stream starts from now), and
   * a comment every NOTICE_STREAM_HEARTBEAT_MS so no proxy between takes the stream for idle.
   */
  async follow(caller: Caller, accept: string | undefined, lastEventId: string | undefined, request: Request, response: Response): Promise<void> {
    if (!/text\/event-stream/i.test(accept ?? '')) {
      throw new ProblemException(406, 'not-acceptable', 'Not acceptable', 'The live stream is text/event-stream: send Accept: text/event-stream (EventSource does).');
    }
    let lastSeq: string | null = lastEventId && /^\d{1,18}$/.test(lastEventId) ? lastEventId : null;
    let pumping = false;
    let again = false;
    let ended = false;
    const pump = async (): Promise<void> => {
      if (pumping) {
        again = true;
        return;
      }
      pumping = true;
      try {
        do {
          again = false;
          if (lastSeq === null || ended) break;
          const rows = await this.notices.after(caller.subject, lastSeq, STREAM_BATCH);
          for (const row of rows) {
            response.write(`id: ${row.seq}\nevent: notice\ndata: ${JSON.stringify(toNoticeView(row))}\n\n`);
            lastSeq = row.seq;
          }
          if (rows.length === STREAM_BATCH) again = true;
        } while (again && !ended);
      } catch {
        // The next wake-up (or the heartbeat's failure) tells; a stream never fails the process.
      } finally {
        pumping = false;
      }
    };
    const unsubscribe = await this.stream.subscribe(caller.subject, () => void pump()).catch(() => {
      throw ProblemException.serviceUnavailable('stream-unavailable', 'Live notices cannot be followed right now; try again shortly.');
    });
    lastSeq ??= await this.notices.latestSeq(caller.subject);
    response.status(200);
    response.setHeader('content-type', 'text/event-stream; charset=utf-8');
    // no-transform: no proxy may compress or buffer it; X-Accel-Buffering for nginx in front.
    response.setHeader('cache-control', 'no-cache, no-transform');
    response.setHeader('x-accel-buffering', 'no');
    response.flushHeaders();
    response.write(`retry: 3000\n\n`);
    this.open.add(response);
    const heartbeat = setInterval(() => response.write(`: keep-alive\n\n`), this.config.NOTICE_STREAM_HEARTBEAT_MS);
    const end = () => {
      if (ended) return;
      ended = true;
      clearInterval(heartbeat);
      unsubscribe();
      this.open.delete(response);
    };
    request.on('close', end);
    response.on('close', end);
    await pump();
  }

  /** Open streams end before the HTTP server closes, so a shutdown does not wait for them. */
  beforeApplicationShutdown(): void {
    for (const response of this.open) response.end();
    this.open.clear();
  }
}
