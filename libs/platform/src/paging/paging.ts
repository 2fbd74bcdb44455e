import { applyDecorators, type Type as ClassType } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiPropertyOptional, getSchemaPath, type SchemaObject } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ProblemException } from '../errors/problem.js';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

/** `limit` and `cursor` of every list endpoint. */
export class PageQuery {
  @ApiPropertyOptional({ description: 'Items per page.', minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit: number = DEFAULT_PAGE_SIZE;

  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page\'s `nextCursor`.' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** Encodes a position (the sort key of the last item) as an opaque cursor. */
export function encodeCursor(position: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

/**
 * What a cursor's field holds. Besides plain strings and numbers, the kinds a query casts in
 * SQL are checked here, so that a cursor forged or mangled by a client is a 400, never a
 * database error: `instant` (a time as toISOString() writes it, years 0001-9999, for
 * `::timestamptz`), `integer` (within PostgreSQL's `integer`, 32 bits, for an integer column or expression), `digits`
 * (for `::bigint` and `::xid8`), `uuid`. No string may hold the NUL character or a lone
 * surrogate, which PostgreSQL text cannot hold either.
 */
export type CursorField = 'string' | 'number' | 'integer' | 'instant' | 'digits' | 'uuid';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** toISOString() of a time PostgreSQL reads: four-digit years from 0001 (0000, ±YYYYYY are out of its range or form). */
const ISO_STRING = /^(?!0000)\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
/** Text PostgreSQL cannot store: NUL, and a surrogate not in a pair (`u` mode reads a pair as one code point). */
const UNSTORABLE_TEXT = /[\u0000\p{Cs}]/u;

function holds(value: unknown, kind: CursorField): boolean {
  switch (kind) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return Number.isInteger(value) && (value as number) >= -2_147_483_648 && (value as number) <= 2_147_483_647;
    case 'string':
      return typeof value === 'string';
    case 'instant':
      // Our cursors hold toISOString(): anything else (JavaScript rolls 30 February over to
      // March; PostgreSQL refuses it) is not one of ours.
      return typeof value === 'string' && ISO_STRING.test(value) && !Number.isNaN(Date.parse(value)) && new Date(value).toISOString() === value;
    case 'digits':
      // at most 18 digits: always within bigint, and beyond any position a cursor of ours holds
      return typeof value === 'string' && /^\d{1,18}$/.test(value);
    case 'uuid':
      return typeof value === 'string' && UUID.test(value);
  }
}

type CursorValue<T extends CursorField> = T extends 'number' | 'integer' ? number : string;

/** A cursor's bytes that are not UTF-8 make it one we did not issue. */
const CURSOR_TEXT = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes a cursor made by encodeCursor and checks it has the expected keys, each of its kind;
 * anything else is the client's mistake, answered with 400 `invalid-cursor`.
 */
export function decodeCursor<S extends Record<string, CursorField>>(cursor: string, shape: S): { [K in keyof S]: CursorValue<S[K]> } {
  const invalid = () => ProblemException.badRequest('invalid-cursor', 'The cursor is not one this endpoint issued.', [{ field: 'cursor', reason: 'is not a valid cursor' }]);
  let decoded: unknown;
  try {
    decoded = JSON.parse(CURSOR_TEXT.decode(Buffer.from(cursor, 'base64url')));
  } catch {
    throw invalid();
  }
  if (!decoded || typeof decoded !== 'object' || Array.isArray(decoded)) throw invalid();
  const record = decoded as Record<string, unknown>;
  // A cursor of another order of the same endpoint (more or other keys) is not one of this order.
  if (Object.keys(record).some((key) => !(key in shape))) throw invalid();
  for (const [key, kind] of Object.entries(shape)) {
    const value = record[key];
    if (!holds(value, kind) || (typeof value === 'string' && UNSTORABLE_TEXT.test(value))) throw invalid();
  }
  return record as { [K in keyof S]: CursorValue<S[K]> };
}

/**
 * Builds a page from rows fetched with `limit + 1`: the extra row only tells whether another
 * page exists.
 */
export function toPage<T>(rows: T[], limit: number, positionOf: (last: T) => Record<string, string | number>): Page<T> {
  const items = rows.slice(0, limit);
  const nextCursor = rows.length > limit ? encodeCursor(positionOf(items[items.length - 1])) : null;
  return { items, nextCursor };
}

/** OpenAPI answer of a list endpoint: `{ items: Item[], nextCursor }`. */
export function ApiPageResponse(item: ClassType<unknown>, description: string): MethodDecorator & ClassDecorator {
  return ApiItemsResponse(item, description, {
    nextCursor: { type: 'string', nullable: true, description: 'Cursor of the next page; null on the last page.' },
  });
}

/**
 * OpenAPI answer `{ items: Item[], ...more }`: the items, then the other properties (all
 * required), in that order.
 */
export function ApiItemsResponse(item: ClassType<unknown>, description: string, more: Record<string, SchemaObject>): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(item),
    ApiOkResponse({
      description,
      schema: {
        type: 'object',
        required: ['items', ...Object.keys(more)],
        properties: {
          items: { type: 'array', items: { $ref: getSchemaPath(item) } },
          ...more,
        },
      },
    }),
  );
}
