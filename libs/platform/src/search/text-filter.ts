import type { SelectQueryBuilder, ObjectLiteral } from 'typeorm';

const MAX_WORDS = 10;

/** Words of a search text, in composed Unicode form, with LIKE wildcards escaped. */
export function searchWords(text: string): string[] {
  return text
    .normalize('NFC')
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, MAX_WORDS)
    .map((word) => word.replace(/[\\%_]/g, (c) => `\\${c}`));
}

/**
 * Narrows a query to rows whose `column` contains every word, ignoring case and Vietnamese
 * diacritics ("cap giay phep lai xe" finds "Cấp giấy phép lái xe"). Each word is a LIKE on
 * fold_text(column), which the trigram index on that expression answers; the service's migrations
 * create fold_text (lower + unaccent, pinned immutable) and that index.
 */
export function whereTextMatches<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, column: string, text: string): SelectQueryBuilder<T> {
  searchWords(text).forEach((word, index) => {
    query.andWhere(`fold_text(${column}) LIKE '%' || fold_text(:word${index}) || '%'`, { [`word${index}`]: word });
  });
  return query;
}

/**
 * Narrows a query to rows whose tsvector `column` (built with the 'simple' configuration over
 * fold_text) holds every word of `text`, the last one as a prefix: "cap giay phep lai x" finds
 * "Cấp giấy phép lái xe". The GIN index on the column answers it without reading the rows.
 */
export function whereWordsMatch<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, column: string, text: string): SelectQueryBuilder<T> {
  const words = text
    .normalize('NFC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, MAX_WORDS);
  // A query of punctuation only ("%") has no word to find: it finds nothing, rather than everything.
  if (words.length === 0) return query.andWhere('false');
  // Each word is a separate tsquery literal, so nothing the user types can change the query's shape.
  const clauses = words.map((_, index) => `to_tsquery('simple', quote_literal(fold_text(:searchWord${index}))${index === words.length - 1 ? " || ':*'" : ''})`);
  query.andWhere(`${column} @@ (${clauses.join(' && ')})`, Object.fromEntries(words.map((word, index) => [`searchWord${index}`, word])));
  return query;
}
