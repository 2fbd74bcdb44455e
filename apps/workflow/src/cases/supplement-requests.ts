import type { RequiredDocument, SupplementItem } from '@onestop/domain';
import { type FieldProblem, ProblemException } from '@onestop/platform';

/** One item of `missingDocuments` as the officer sends it: a document of the procedure's list, or an extra one in words. */
export interface MissingItemInput {
  requirement?: number;
  name?: string;
  note?: string;
}

/** A document's name as compared: trimmed, one space between words, one case, one Unicode form. */
function comparable(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('vi');
}

/**
 * The items of a supplement request (form 02), numbered in the order given: a `requirement`
 * is named as the procedure version lists it (422 `unknown-document` naming
 * `missingDocuments[i].requirement` beyond the list, `document-asked-twice` for one asked twice);
 * an extra item keeps the officer's words, unless they are the very name of a document of the
 * list (not yet asked), which it then is (as clients that named documents in words meant).
 */
export function requestedItems(missing: readonly MissingItemInput[], documents: readonly RequiredDocument[] | null): SupplementItem[] {
  const problems: Array<FieldProblem & { code: string }> = [];
  const asked = new Set<number>();
  const named = new Set(missing.flatMap((m) => (m.requirement !== undefined ? [m.requirement] : [])));
  const items = missing.map((m, index): SupplementItem => {
    const note = m.note?.trim() ? m.note.trim() : null;
    if (m.requirement === undefined) {
      const position = documents ? documents.findIndex((d) => comparable(d.name) === comparable(m.name!)) + 1 : 0;
      if (position > 0 && !named.has(position)) {
        named.add(position);
        return { item: index + 1, requirement: position, name: documents![position - 1].name, note };
      }
      return { item: index + 1, requirement: null, name: m.name!, note };
    }
    const field = `missingDocuments[${index}].requirement`;
    const listed = documents?.[m.requirement - 1];
    if (!listed) problems.push({ code: 'unknown-document', field, reason: `the procedure lists ${documents?.length ?? 0} documents` });
    else if (asked.has(m.requirement)) problems.push({ code: 'document-asked-twice', field, reason: `document ${m.requirement} is asked for already in this request` });
    asked.add(m.requirement);
    return { item: index + 1, requirement: m.requirement, name: listed?.name ?? '', note };
  });
  if (problems.length > 0) {
    throw ProblemException.unprocessable(problems[0].code, `missingDocuments: ${problems.map((p) => `${p.field} ${p.reason}`).join('; ')}.`, problems.map(({ field, reason }) => ({ field, reason })));
  }
  return items;
}
