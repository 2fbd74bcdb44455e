import { withoutDiacritics } from '@onestop/domain';

/**
 * Relevance search over procedure names: what a query's words become in tsquery terms, and
 * which parts of a name they matched. Pure: the vocabulary look-up is the repository's.
 */

/** At most this many words of a query are searched. */
export const MAX_SEARCH_WORDS = 10;
/** At most this many known words stand in for one the catalog does not know. */
export const MAX_NEAR_WORDS = 20;

/** Words of a query as typed, composed (NFC), split on everything that is not a letter or digit. */
export function queryWords(text: string): string[] {
  return text
    .normalize('NFC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, MAX_SEARCH_WORDS);
}

/** What the catalog's vocabulary says about one word of the query. */
export interface WordLookup {
  /** The word folded as the stored tsvector holds words (lower case, no diacritics, đ → d). */
  folded: string;
  /** Some procedure name has this word. */
  known: boolean;
  /** Last word only: some procedure name has a word starting with it (search as you type). */
  knownPrefix: boolean;
  /** When neither: the known words one letter away (wrong, missing, extra or moved letter). */
  near: string[];
  /** When the word is an abbreviation (GPLX): the words it stands for, folded. */
  expansion: string[] | null;
}

/**
 * The tsqueries of one search: `match` selects the rows; the others rank them (first those with
 * all words as a phrase, then as a phrase with the last word as a prefix, then all words
 * anywhere, then the rest of `match`, with the last word a prefix). A tier no row can reach is null.
 */
export interface SearchPlan {
  match: string;
  tiers: Array<string | null>;
  /** For highlights: the folded words that count as matched, and the last word as a prefix. */
  matchedWords: Set<string>;
  prefix: string | null;
}

/** A word's alternatives inside one tsquery; the last one whole or as a prefix. */
function alternatives(word: WordLookup, asPrefix: boolean): string[] {
  const found: string[] = [];
  if (asPrefix && word.knownPrefix) found.push(`${lexeme(word.folded)}:*`);
  else if (word.known) found.push(lexeme(word.folded));
  for (const near of word.near) found.push(lexeme(near));
  if (word.expansion?.length) found.push(word.expansion.length === 1 ? lexeme(word.expansion[0]) : `(${word.expansion.map(lexeme).join(' <-> ')})`);
  return found;
}

/** All words joined by `operator`; null when one of them can match nothing. */
function combine(words: WordLookup[], operator: '&' | '<->', lastAsPrefix: boolean): string | null {
  const groups: string[] = [];
  for (const [index, word] of words.entries()) {
    const found = alternatives(word, lastAsPrefix && index === words.length - 1);
    if (found.length === 0) return null;
    groups.push(found.length === 1 ? found[0] : `(${found.join(' | ')})`);
  }
  return groups.join(` ${operator} `);
}

/** The plan of a search; null when some word matches no procedure at all (nothing to find). */
export function searchPlan(words: WordLookup[]): SearchPlan | null {
  if (words.length === 0) return null;
  const match = combine(words, '&', true);
  if (match === null) return null;
  const matchedWords = new Set<string>();
  for (const word of words) {
    if (word.known) matchedWords.add(word.folded);
    for (const near of word.near) matchedWords.add(near);
    for (const expanded of word.expansion ?? []) matchedWords.add(expanded);
  }
  const last = words[words.length - 1];
  return {
    match,
    tiers: [combine(words, '<->', false), combine(words, '<->', true), combine(words, '&', false)],
    matchedWords,
    prefix: last.knownPrefix ? last.folded : null,
  };
}

/**
 * A word as a tsquery operand: quoted, so nothing in it is read as an operator. The operand is
 * cast to tsquery as it is (no dictionary), so it must already be folded as the stored vector is.
 */
function lexeme(word: string): string {
  return `'${word.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/** Part of a name, as JavaScript string indices (UTF-16 code units), end exclusive. */
export interface TextRange {
  start: number;
  end: number;
}

/** A character folded as fold_text folds Vietnamese: no tone or vowel marks, đ → d, lower case. */
function foldChar(char: string): string {
  return withoutDiacritics(char).toLowerCase();
}

/**
 * The parts of `name` the search matched: each word of the name that is one of the matched
 * words, and the start of the word the last (prefix) word of the query began.
 */
export function highlights(name: string, plan: Pick<SearchPlan, 'matchedWords' | 'prefix'>): TextRange[] {
  const ranges: TextRange[] = [];
  for (const found of name.matchAll(/[\p{L}\p{N}]+/gu)) {
    const start = found.index;
    const word = found[0];
    // Folded text and where in the name each folded character came from.
    let folded = '';
    const ends: number[] = [];
    let offset = start;
    for (const char of word) {
      offset += char.length;
      for (const f of foldChar(char)) {
        folded += f;
        ends.push(offset);
      }
    }
    if (plan.matchedWords.has(folded)) ranges.push({ start, end: start + word.length });
    else if (plan.prefix && folded.startsWith(plan.prefix)) ranges.push({ start, end: ends[plan.prefix.length - 1] });
  }
  return ranges;
}
