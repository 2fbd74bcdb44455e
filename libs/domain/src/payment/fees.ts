/**
 * Fees and charges of a procedure and of a dossier. Amounts are whole VND: in the database
 * `bigint`, in JSON a safe integer (the largest fee of a procedure is far below 2^53).
 */

/** Phí (a fee for a service: `fee`) or lệ phí (a charge for the State's act: `charge`). */
export const FEE_KINDS = ['fee', 'charge'] as const;
export type FeeKind = (typeof FEE_KINDS)[number];

/** When a fee line is due: paid with the submission, or before the result is handed over. */
export const FEE_DUE = ['at_submission', 'before_result'] as const;
export type FeeDue = (typeof FEE_DUE)[number];

/** The national payment platform's LoaiPhiLePhi: 1 phí, 2 lệ phí. */
export function paygovFeeKind(kind: FeeKind): 1 | 2 {
  return kind === 'fee' ? 1 : 2;
}

/** Words of a fee kind on receipts and forms. */
export function feeKindWords(kind: FeeKind): string {
  return kind === 'fee' ? 'Phí' : 'Lệ phí';
}

/** One fee line charged to a dossier: from the procedure version at receipt, or assessed by an officer. */
export interface DossierFeeLine {
  code: string;
  name: string;
  kind: FeeKind;
  amountVnd: number;
  due: FeeDue;
}

/** How a payment was made: online through the platform, at the counter, or to the postal worker. */
export const PAYMENT_CHANNELS = ['online', 'counter', 'postal'] as const;
export type PaymentChannel = (typeof PAYMENT_CHANNELS)[number];

export const PAYMENT_METHODS = ['paygov', 'cash', 'card'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** The total of fee lines, checked to stay a safe integer (never floating point). */
export function totalVnd(lines: ReadonlyArray<{ amountVnd: number }>): number {
  const total = lines.reduce((sum, line) => sum + BigInt(line.amountVnd), 0n);
  if (total > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError('fee total beyond a safe integer');
  return Number(total);
}

/**
 * The fee lines of a procedure version with every field said: a line without a code gets
 * `LP-{n}` (its position), without a kind is a phí when its name starts with "Phí" and a lệ phí
 * otherwise (most lines are named "Lệ phí ..."), without a due date is due with the submission.
 */
export function feeLinesOf(fees: ReadonlyArray<{ code?: string; name: string; kind?: FeeKind; amountVnd: number; due?: FeeDue }>): DossierFeeLine[] {
  return fees.map((fee, index) => ({
    code: fee.code ?? `LP-${index + 1}`,
    name: fee.name,
    kind: fee.kind ?? (/^\s*phí(\s|$)/iu.test(fee.name) ? 'fee' : 'charge'),
    amountVnd: fee.amountVnd,
    due: fee.due ?? 'at_submission',
  }));
}
