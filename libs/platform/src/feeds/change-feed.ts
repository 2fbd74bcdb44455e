import { applyDecorators, Get, type Type as ClassType } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { EntityManager } from 'typeorm';
import { ApiProblems } from '../openapi/problem.schema.js';
import { ApiItemsResponse, decodeCursor, encodeCursor } from '../paging/paging.js';

/**
 * Change feeds (the national portal's sync jobs read them): every row of a feed table carries
 * the id of the transaction that wrote it (`xid8 DEFAULT pg_current_xact_id()`) and a serial id.
 * Rows are read in (transaction, id) order, and only from transactions older than every one
 * still running, so a row committed late can never slip behind a cursor already handed out:
 * reading to the end, in any page size, returns each change exactly once, in the same order.
 */
export class FeedQuery {
  @ApiPropertyOptional({ description: 'Opaque position from the previous page\'s `nextCursor`; omit to read from the beginning.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit: number = 100;
}

export interface FeedPage<T> {
  items: T[];
  /** Where to read on from; returned even at the end, so a sync job resumes there later. */
  nextCursor: string;
  /** Whether more changes are ready to read now. */
  hasMore: boolean;
}

export interface FeedSource {
  /** The feed table (or a join) with its alias, e.g. `dossier_history h JOIN dossiers d ON ...`. */
  from: string;
  /** Columns to select, besides the position columns. */
  select: string;
  /** The position columns, qualified: the transaction id (xid8) and the serial id. */
  txidColumn: string;
  idColumn: string;
}

/** One page of a change feed after `cursor`. */
export async function readFeed<Row>(manager: EntityManager, source: FeedSource, query: FeedQuery): Promise<FeedPage<Row>> {
  const after = query.cursor ? decodeCursor(query.cursor, { t: 'digits', i: 'digits' }) : { t: '0', i: '0' };
  const rows = (await manager.query(
    `SELECT ${source.select}, ${source.txidColumn}::text AS feed_txid, ${source.idColumn}::text AS feed_id
       FROM ${source.from}
      WHERE (${source.txidColumn}, ${source.idColumn}) > ($1::xid8, $2::bigint)
        AND ${source.txidColumn} < pg_snapshot_xmin(pg_current_snapshot())
      ORDER BY ${source.txidColumn}, ${source.idColumn}
      LIMIT $3`,
    [after.t, after.i, query.limit + 1],
  )) as Array<Row & { feed_txid: string; feed_id: string }>;
  const items = rows.slice(0, query.limit);
  const last = items[items.length - 1];
  const nextCursor = last ? encodeCursor({ t: last.feed_txid, i: last.feed_id }) : (query.cursor ?? encodeCursor({ t: '0', i: '0' }));
  return { items: items.map(({ feed_txid: _t, feed_id: _i, ...row }) => row as unknown as Row), nextCursor, hasMore: rows.length > query.limit };
}

/** OpenAPI answer of a feed endpoint: `{ items: Item[], nextCursor, hasMore }`. */
export function ApiFeedResponse(item: ClassType<unknown>, description: string): MethodDecorator & ClassDecorator {
  return ApiItemsResponse(item, description, {
    nextCursor: { type: 'string', description: 'Where to read on from; also at the end, to resume later.' },
    hasMore: { type: 'boolean', description: 'Whether more changes are ready now.' },
  });
}

/**
 * A feed endpoint (`GET`, read by the national portal's sync jobs): its OpenAPI operation, its
 * answer `{ items: Item[], nextCursor, hasMore }` and its problems (400, 401, 403). Who may read
 * it stays with the controller (`@Access`).
 */
export function FeedEndpoint(operation: { summary: string; description: string }, item: ClassType<unknown>, itemsDescription: string): MethodDecorator {
  // Applied in the order stacked decorators would be: the lowest first.
  return applyDecorators(ApiProblems(400, 401, 403), ApiFeedResponse(item, itemsDescription), ApiOperation(operation), Get());
}
