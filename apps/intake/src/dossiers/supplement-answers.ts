import { type FieldProblem, ProblemException } from '@onestop/platform';
import { type ProvidedDocument, type SuppliedItem, type SupplementItem } from '@onestop/domain';
import type { StoredSupplementRequest } from './dossier.entity.js';
import type { SubmitSupplementRequest } from './supplement.dto.js';

type Problem = FieldProblem & { code: string };

/** The request being answered: the last one workflow announced, while it is not complete. */
export function pendingRequest(requests: readonly StoredSupplementRequest[] | undefined): StoredSupplementRequest | null {
  const last = (requests ?? []).at(-1);
  return last && last.completedAt === null ? last : null;
}

/**
 * What an answer supplies, item by item of the request. Against an itemised request, each entry
 * must name an item it asks for: by `requirement` (a document of the procedure's list the request
 * names) or by `item` number; anything else is a 422 `not-requested` naming the field. Against a
 * request announced before requests were itemised (`request` null), documents are named by
 * `requirement` alone, as before, and any is taken.
 */
export function suppliedItems(answer: SubmitSupplementRequest, request: StoredSupplementRequest | null): SuppliedItem[] {
  const problems: Problem[] = [];
  const items = answer.documents.map((entry, index): SuppliedItem => {
    const base = { quantity: entry.quantity ?? 1, ...(entry.form ? { form: entry.form } : {}), fileIds: [...new Set(entry.files ?? [])] };
    if (!request) {
      if (entry.requirement === undefined) {
        problems.push({ code: 'not-requested', field: `documents[${index}].item`, reason: 'the supplement request has no numbered items: name the documents by requirement' });
      }
      return { item: null, requirement: entry.requirement ?? null, name: null, ...base };
    }
    const asked: SupplementItem | undefined =
      entry.item !== undefined ? request.items.find((i) => i.item === entry.item) : request.items.find((i) => i.requirement === entry.requirement);
    if (!asked) {
      problems.push(
        entry.item !== undefined
          ? { code: 'not-requested', field: `documents[${index}].item`, reason: `the supplement request has items 1-${request.items.length}` }
          : { code: 'not-requested', field: `documents[${index}].requirement`, reason: notAskedReason(entry.requirement!, request.items) },
      );
      return { item: null, requirement: entry.requirement ?? null, name: null, ...base };
    }
    return { item: asked.item, requirement: asked.requirement, name: asked.name, ...base };
  });
  if (problems.length > 0) throw refusal(problems);
  return items;
}

function notAskedReason(requirement: number, items: readonly SupplementItem[]): string {
  const documents = items.filter((i) => i.requirement !== null).map((i) => i.requirement);
  const asked = documents.length > 0 ? `it asks for document${documents.length > 1 ? 's' : ''} ${documents.join(', ')} of the procedure's list` : 'it asks for no document of the procedure\'s list';
  return `the supplement request does not ask for document ${requirement} (${asked}; give item for the others)`;
}

/** The items of the request no answer (this one included) has supplied. */
export function stillMissing(request: StoredSupplementRequest, supplied: readonly SuppliedItem[]): SupplementItem[] {
  const came = new Set([...request.answers.flatMap((a) => a.items.map((i) => i.item)), ...supplied.map((i) => i.item)]);
  return request.items.filter((i) => !came.has(i.item));
}

/** 422 naming files that are not the dossier's documents. */
export function unknownFiles(answer: SubmitSupplementRequest, known: ReadonlySet<string>): void {
  const problems: Problem[] = answer.documents.flatMap((entry, index) =>
    (entry.files ?? []).flatMap((id, position) =>
      known.has(id) ? [] : [{ code: 'unknown-file', field: `documents[${index}].files[${position}]`, reason: 'no document file with this id was uploaded to the dossier' }],
    ),
  );
  if (problems.length > 0) throw refusal(problems);
}

/** 422 naming requirements beyond the procedure's list (answers to requests announced before they were itemised). */
export function unknownRequirements(items: readonly SuppliedItem[], listed: number): void {
  const problems: Problem[] = items.flatMap((item, index) =>
    item.requirement !== null && item.requirement > listed ? [{ code: 'unknown-document', field: `documents[${index}].requirement`, reason: `the procedure lists ${listed} documents` }] : [],
  );
  if (problems.length > 0) throw refusal(problems);
}

function refusal(problems: Problem[]): ProblemException {
  return ProblemException.unprocessable(problems[0].code, `documents: ${problems.map((p) => `${p.field} ${p.reason}`).join('; ')}.`, problems.map(({ field, reason }) => ({ field, reason })));
}

/** The procedure documents among what came, as SupplementReceived's `documents` has always named them. */
export function providedDocuments(items: readonly SuppliedItem[]): ProvidedDocument[] {
  return items.flatMap((i) => (i.requirement !== null ? [{ requirement: i.requirement, quantity: i.quantity, ...(i.form ? { form: i.form } : {}) }] : []));
}
