import type { OutgoingMessage } from 'node:http';
import type { ProblemDocument } from './problem.js';
import { FALLBACK_DETAIL_VI, FALLBACK_TITLE_VI, PROBLEM_MESSAGES_VI, reasonInVietnamese, STATUS_TITLES_VI } from './problem-messages.vi.js';

/** The languages problem answers are given in: Vietnamese unless the caller prefers English. */
export type ProblemLanguage = 'vi' | 'en';

/** One language range of Accept-Language (RFC 9110 §12.5.4): `en`, `en-US`, `*`. */
const LANGUAGE_RANGE = /^(?:\*|[a-z]{1,8}(?:-[a-z0-9]{1,8})*)$/;
const WEIGHT = /^q=(0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/;

/**
 * The language of a problem answer for a request's `Accept-Language`: English when the caller
 * prefers it, by the q-weights, to Vietnamese (`en`, `en-US`, `fr, en;q=0.5`, `en, vi`), else
 * Vietnamese (no header, `vi`, `*`, `vi, en;q=0.8`, only languages the system does not speak,
 * or a header it cannot read). A range matches a language by its primary subtag (`en-GB` asks
 * for English), `*` matches both; of equal weights the range listed first wins, and Vietnamese
 * wins a tie of `*` alone. A small parser of our own: the choice is between two languages, and
 * it serves the answers written before Express exists (Node's own refusals) as well.
 */
export function problemLanguage(acceptLanguage: string | readonly string[] | undefined): ProblemLanguage {
  const header = typeof acceptLanguage === 'string' ? acceptLanguage : acceptLanguage?.join(',');
  if (!header) return 'vi';
  const best: Record<ProblemLanguage, { q: number; order: number; exact: boolean } | undefined> = { vi: undefined, en: undefined };
  header.split(',').forEach((part, order) => {
    const [range, ...parameters] = part.split(';').map((piece) => piece.trim().toLowerCase());
    if (!LANGUAGE_RANGE.test(range)) return;
    let q = 1;
    for (const parameter of parameters) {
      const weight = WEIGHT.exec(parameter.replace(/\s+/g, ''));
      if (!weight) return;
      q = Number(weight[1]);
    }
    for (const language of ['vi', 'en'] as const) {
      const exact = range !== '*';
      if (exact && range.split('-')[0] !== language) continue;
      const known = best[language];
      // A range naming the language outweighs `*`, whatever their order (`*;q=0.1, en`).
      if (!known || (exact && !known.exact)) best[language] = { q, order, exact };
    }
  });
  const en = best.en;
  const vi = best.vi;
  if (!en || en.q === 0) return 'vi';
  if (!vi || en.q > vi.q) return 'en';
  return en.q === vi.q && en.order < vi.order ? 'en' : 'vi';
}

/**
 * The problem in the caller's language: in English as raised; in Vietnamese with the title and
 * detail of its code from the catalogue (`problem-messages.vi.ts`) and the generic reasons of its
 * `errors` translated. Every other member (`code`, `status`, `field`s, extensions) is the same in
 * both: clients branch on those.
 */
export function localiseProblem<T extends ProblemDocument>(problem: T, language: ProblemLanguage): T {
  if (language === 'en') return problem;
  const message = PROBLEM_MESSAGES_VI[problem.code];
  const detail = message ? (typeof message.detail === 'function' ? message.detail(problem) : message.detail) : FALLBACK_DETAIL_VI;
  const title = message?.title ?? STATUS_TITLES_VI[problem.status] ?? FALLBACK_TITLE_VI;
  const errors = Array.isArray(problem.errors) ? { errors: problem.errors.map((e) => ({ ...e, reason: reasonInVietnamese(e.reason) })) } : {};
  return { ...problem, title, detail, ...errors };
}

/** `Content-Language` of a problem answer, and `Vary: Accept-Language`, since the answer depends on it. */
export function setProblemLanguageHeaders(response: Pick<OutgoingMessage, 'setHeader' | 'getHeader'>, language: ProblemLanguage): void {
  response.setHeader('Content-Language', language);
  const vary = response.getHeader('vary');
  const listed = (Array.isArray(vary) ? vary.join(',') : String(vary ?? '')).split(',').map((v) => v.trim()).filter(Boolean);
  if (!listed.some((v) => v === '*' || v.toLowerCase() === 'accept-language')) response.setHeader('Vary', [...listed, 'Accept-Language'].join(', '));
}
