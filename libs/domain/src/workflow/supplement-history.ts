import type { SupplementReceivedV1 } from '../events/intake-events.js';
import { describeSupplementItems, outstandingSupplementItems, type SuppliedItem, type SupplementItem, supplementItemsOf } from '../intake/supplement.js';
import type { SupplementAnswer, SupplementRequest, SupplementRequestRecord } from './case-record.js';

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
