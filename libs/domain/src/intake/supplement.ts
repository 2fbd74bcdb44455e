import type { DocumentForm } from '../catalog/procedure.js';

/**
 * One item of a supplement request (form 02, phiếu yêu cầu bổ sung, hoàn thiện hồ sơ), numbered
 * as the form lists them: a document of the procedure's list (`requirement`, its 1-based
 * position, as reception's documents are named) or something else the officer asks for in words
 * (an extra item, `requirement` null).
 */
export interface SupplementItem {
  /** Its number on the request, 1-based. */
  item: number;
  /** The procedure document's position (1-based) in the version's list; null for an extra item. */
  requirement: number | null;
  name: string;
  note: string | null;
}

/** What an answer supplied for one item of the request. */
export interface SuppliedItem {
  /** The request's item; null in answers recorded before requests were itemised. */
  item: number | null;
  requirement: number | null;
  /** The item's name on the request; null when not known (older answers). */
  name: string | null;
  quantity: number;
  form?: DocumentForm;
  /** Files uploaded to the dossier (`/dossiers/{code}/documents`) that carry it. */
  fileIds: string[];
}

/**
 * A request's items as stored, whatever their age: items stored before requests were itemised
 * (`{ name, note }`, free text) read as extra items, numbered in their order.
 */
export function supplementItemsOf(stored: ReadonlyArray<{ item?: unknown; requirement?: unknown; name: string; note?: string | null }> | null | undefined): SupplementItem[] {
  return (stored ?? []).map((d, index) => ({
    item: typeof d.item === 'number' ? d.item : index + 1,
    requirement: typeof d.requirement === 'number' ? d.requirement : null,
    name: d.name,
    note: d.note ?? null,
  }));
}

/** The items of a request that no answer has supplied yet. */
export function outstandingSupplementItems(items: readonly SupplementItem[], answers: ReadonlyArray<{ items: ReadonlyArray<Pick<SuppliedItem, 'item'>> }>): SupplementItem[] {
  const supplied = new Set(answers.flatMap((answer) => answer.items.map((i) => i.item)));
  return items.filter((i) => !supplied.has(i.item));
}

/** Items as the control sheet and the progress write them: `1. Giấy khám sức khỏe (bản chính); 2. …`. */
export function describeSupplementItems(items: ReadonlyArray<{ item: number | null; name: string | null; requirement?: number | null; note?: string | null }>): string {
  return items
    .map((i) => {
      const name = i.name ?? (i.requirement ? `thành phần hồ sơ số ${i.requirement}` : 'giấy tờ bổ sung');
      return `${i.item !== null ? `${i.item}. ` : ''}${name}${i.note ? ` (${i.note})` : ''}`;
    })
    .join('; ');
}
