import { applyDecorators, type Type as ClassType } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
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
 * Decodes a cursor made by encodeCursor and checks it has the expected keys and types;
 * anything else is the client's mistake, answered with 400 `invalid-cursor`.
 */
export function decodeCursor<K extends string>(cursor: string, shape: Record<K, 'string' | 'number'>): Record<K, string | number> {
  const invalid = () => ProblemException.badRequest('invalid-cursor', 'The cursor is not one this endpoint issued.', [{ field: 'cursor', reason: 'is not a valid cursor' }]);
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!decoded || typeof decoded !== 'object' || Array.isArray(decoded)) throw invalid();
  const record = decoded as Record<string, unknown>;
  for (const [key, type] of Object.entries(shape)) {
    if (typeof record[key] !== type) throw invalid();
  }
  return record as Record<K, string | number>;
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
  return applyDecorators(
    ApiExtraModels(item),
    ApiOkResponse({
      description,
      schema: {
        type: 'object',
        required: ['items', 'nextCursor'],
        properties: {
          items: { type: 'array', items: { $ref: getSchemaPath(item) } },
          nextCursor: { type: 'string', nullable: true, description: 'Cursor of the next page; null on the last page.' },
        },
      },
    }),
  );
}
