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
 * fold_text(column), which the trigram index on that expression answers.
 */
export function whereTextMatches<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, column: string, text: string): SelectQueryBuilder<T> {
  searchWords(text).forEach((word, index) => {
    query.andWhere(`fold_text(${column}) LIKE '%' || fold_text(:word${index}) || '%'`, { [`word${index}`]: word });
  });
  return query;
}
