import {
  describeSupplementItems,
  outstandingSupplementItems,
  type RequiredDocument,
  type SuppliedItem,
  type SupplementItem,
  type SupplementReceivedV1,
  supplementItemsOf,
} from '@onestop/domain';
import { type FieldProblem, ProblemException } from '@onestop/platform';
import type { SupplementAnswer, SupplementRequest, SupplementRequestRecord } from './case.entity.js';

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

/** The request's items, old (free text only) or new. */
export function itemsOf(request: Pick<SupplementRequest, 'documents'>): SupplementItem[] {
  return supplementItemsOf(request.documents);
}

/**
 * What an answer (SupplementReceived) supplied, against the request's items. An event written
 * before answers were itemised names procedure documents only: each is matched to the item
 * asking for it, when there is one.
 */
export function answerOf(event: SupplementReceivedV1, items: readonly SupplementItem[]): SupplementAnswer {
  const supplied: SuppliedItem[] =
    event.items ??
    event.documents.map((d) => {
      const asked = items.find((i) => i.requirement === d.requirement);
      return { item: asked?.item ?? null, requirement: d.requirement, name: asked?.name ?? null, quantity: d.quantity, ...(d.form ? { form: d.form } : {}), fileIds: [] };
    });
  // An old event completes the request, whatever it named.
  const complete = event.complete ?? true;
  return { receivedAt: event.receivedAt, items: supplied, note: event.note, complete };
}

/** The record with one more answer. */
export function withAnswer(record: SupplementRequestRecord, answer: SupplementAnswer): SupplementRequestRecord {
  return { ...record, answers: [...(record.answers ?? []), answer] };
}

/** The items of a record still missing after its answers; none once it was answered in full. */
export function outstandingOf(record: SupplementRequestRecord): SupplementItem[] {
  if (record.answeredAt !== null) return [];
  return outstandingSupplementItems(itemsOf(record), record.answers ?? []);
}

/** The control sheet's words for a request. */
export function requestText(items: readonly SupplementItem[]): string {
  return describeSupplementItems(items);
}

/** The control sheet's words for an answer: what came, and what is still missing. */
export function answerText(answer: SupplementAnswer, outstanding: readonly SupplementItem[]): string {
  const came = answer.items.length > 0 ? describeSupplementItems(answer.items.map((i) => ({ ...i, note: null }))) : 'không kèm giấy tờ';
  return outstanding.length > 0 ? `${came}; còn thiếu: ${describeSupplementItems(outstanding.map((i) => ({ ...i, note: null })))}` : came;
}
