import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { decodeCursor, type Page, ProblemException, toPage } from '@onestop/platform';
import { MessageDispatcher } from './message-dispatcher.service.js';
import type { MessageListQuery } from './message.dto.js';
import { type MessageView, toMessageView } from './message.views.js';
import { type MessageRow, MessagesRepository } from './messages.repository.js';


/** The messages as an administrator follows them: where each stands, the provider's answers, and a resend of a failed one. */
@Injectable()
export class MessagesService {
  constructor(
    private readonly messages: MessagesRepository,
    private readonly dispatcher: MessageDispatcher,
  ) {}

  async list(query: MessageListQuery): Promise<Page<MessageView>> {
    const before = query.cursor ? decodeCursor(query.cursor, { createdAt: 'instant', id: 'uuid' }) : null;
    const rows = await this.messages.list({ status: query.status ?? null, channel: query.channel ?? null, dossierCode: query.dossierCode ?? null, before, limit: query.limit });
    const page = toPage(rows, query.limit, (last) => ({ createdAt: new Date(last.created_at).toISOString(), id: last.id }));
    return { items: await this.views(page.items), nextCursor: page.nextCursor };
  }

  async read(id: string): Promise<MessageView> {
    const row = isUUID(id) ? await this.messages.find(id) : undefined;
    if (!row) throw ProblemException.notFound('message-not-found', `No message ${id}.`);
    return (await this.views([row]))[0];
  }

  /**
   * A failed message goes out again, as the same message (one per event, channel and recipient),
   * at once (quiet hours aside: an administrator decided); 409 when it is not failed, or its
   * text is past the retention.
   */
  async resend(id: string): Promise<MessageView> {
    const current = isUUID(id) ? await this.messages.find(id) : undefined;
    if (!current) throw ProblemException.notFound('message-not-found', `No message ${id}.`);
    const row = await this.messages.resend(id);
    if (!row) {
      if (current.body === null) throw ProblemException.conflict('message-purged', `The text of message ${id} is past its retention: it cannot be sent again.`, { currentStatus: current.status });
      throw ProblemException.conflict('message-not-failed', `Message ${id} is ${current.status}: only a failed message is sent again.`, { currentStatus: current.status });
    }
    this.dispatcher.nudge();
    return (await this.views([row]))[0];
  }

  private async views(rows: MessageRow[]): Promise<MessageView[]> {
    const receipts = await this.messages.receiptsOf(rows.map((r) => r.id));
    return rows.map((row) => toMessageView(row, receipts.filter((r) => r.message_id === row.id)));
  }
}
