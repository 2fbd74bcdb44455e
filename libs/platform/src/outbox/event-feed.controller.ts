import { Controller, Get, Inject, Query, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import type { DataSource } from 'typeorm';
import type { EventEnvelope, ServiceName } from '@onestop/domain';
import { ServiceTokenGuard } from '../auth/service-token.guard.js';
import { SERVICE_NAME } from '../service-name.js';

export const EVENT_FEED_MAX_LIMIT = 1000;

export class EventFeedQuery {
  /** The last `seq` already read; 0 (the default) from the beginning. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  after: number = 0;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(EVENT_FEED_MAX_LIMIT)
  limit: number = 200;

  /** Comma-separated event types; all types when absent. */
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @Matches(/^[A-Za-z]+(,[A-Za-z]+)*$/, { message: 'types must be event type names separated by commas' })
  types?: string;
}

/** An event as the feed gives it: the envelope the relay delivers, with its position. */
export interface FeedEvent extends EventEnvelope {
  seq: number;
}

export interface EventFeedPage {
  items: FeedEvent[];
  /** Pass back as `after` for the next page (the last item's seq, or `after` when empty). */
  nextAfter: number;
  /** Whether the page was full: more events may follow. */
  more: boolean;
}

/**
 * Every service's events since a cursor, in `seq` order, from its outbox (rows are kept after
 * delivery, with no pruning, which is what makes this replay possible): for a subscriber that
 * rebuilds its own tables from the events (reporting's rebuild). For services only. An event
 * whose transaction commits after a reader passed its seq is not seen by that reader: such a
 * reader also receives the live deliveries of the relay, which cover it.
 */
@ApiExcludeController()
@Controller('internal/events')
@UseGuards(ServiceTokenGuard)
export class EventFeedController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SERVICE_NAME) private readonly service: ServiceName,
  ) {}

  @Get()
  async feed(@Query() query: EventFeedQuery): Promise<EventFeedPage> {
    const types = query.types ? query.types.split(',') : null;
    const rows = (await this.dataSource.query(
      `SELECT seq, id, type, version, payload, occurred_at FROM outbox_events
        WHERE seq > $1 AND ($2::text[] IS NULL OR type = ANY($2::text[]))
        ORDER BY seq LIMIT $3`,
      [query.after, types, query.limit],
    )) as Array<{ seq: string; id: string; type: string; version: number; payload: unknown; occurred_at: Date }>;
    const items = rows.map((row) => ({
      seq: Number(row.seq),
      id: row.id,
      type: row.type,
      version: row.version,
      source: this.service,
      occurredAt: new Date(row.occurred_at).toISOString(),
      payload: row.payload,
    }));
    return { items, nextAfter: items.length ? items[items.length - 1].seq : query.after, more: items.length === query.limit };
  }
}
