import { ApiProperty } from '@nestjs/swagger';
import { FEE_DUE, FEE_KINDS, type FeeDue, type FeeKind, formatLocal, PAYMENT_CHANNELS, PAYMENT_METHODS, type PaymentChannel, type PaymentMethod } from '@onestop/domain';
import type { Bill, StoredFeeLine } from '../accounts/accounts.repository.js';
import type { Receipt } from '../receipts/receipts.repository.js';
import type { Payment, PlatformAttempt, Refund } from './payments.repository.js';

const at = (date: Date | null) => (date ? formatLocal(date) : null);

export class FeeLineView {
  @ApiProperty({ example: 'LP-1', description: 'The line\'s code (MaPhiLePhi).' })
  code: string;

  @ApiProperty({ example: 'Lệ phí cấp giấy phép lái xe' })
  name: string;

  @ApiProperty({ enum: FEE_KINDS, example: 'charge', description: '`fee` (phí) or `charge` (lệ phí).' })
  kind: FeeKind;

  @ApiProperty({ example: 135000, description: 'Whole VND.' })
  amountVnd: number;

  @ApiProperty({ enum: FEE_DUE, example: 'at_submission' })
  due: FeeDue;

  @ApiProperty({ enum: ['procedure', 'assessed'], example: 'procedure', description: '`procedure`: from the procedure version at reception; `assessed`: added by an officer during processing.' })
  source: 'procedure' | 'assessed';

  @ApiProperty({ type: String, nullable: true, example: null, description: 'The bill that asks for it; null for a free line.' })
  billId: string | null;
}

export class PlatformAttemptView {
  @ApiProperty({ example: 'B7K2M9QX4T2D01', description: 'MaThamChieu of the attempt on the national payment platform.' })
  reference: string;

  @ApiProperty({ example: '2026-03-16T10:05:00+07:00' })
  startedAt: string;

  @ApiProperty({ example: '2026-03-16T10:20:00+07:00', description: 'When the payment page closes.' })
  pageExpiresAt: string;

  @ApiProperty({ type: String, nullable: true, enum: ['paid', 'failed', null], example: null, description: 'Null while the platform has not told us.' })
  outcome: 'paid' | 'failed' | null;
}

export class BillView {
  @ApiProperty({ example: '0b7c2d4e-1f3a-4b5c-8d9e-0f1a2b3c4d5e' })
  id: string;

  @ApiProperty({ example: 'B7K2M9QX4T2D', description: 'The bill\'s reference; its attempts on the platform are this followed by two digits.' })
  reference: string;

  @ApiProperty({ example: '000.00.00.H56', description: 'The agency paid (the receiving agency), whose receipt series numbers the receipt.' })
  agencyCode: string;

  @ApiProperty({ example: 135000, description: 'Whole VND.' })
  amountVnd: number;

  @ApiProperty({ enum: FEE_DUE, example: 'at_submission' })
  due: FeeDue;

  @ApiProperty({ example: false, description: 'Assessed during processing: processing waits (national status 6) until it is paid.' })
  stopsClock: boolean;

  @ApiProperty({ enum: ['open', 'paid', 'cancelled'], example: 'open' })
  status: 'open' | 'paid' | 'cancelled';

  @ApiProperty({ example: '2026-03-16T10:00:00+07:00' })
  requestedAt: string;

  @ApiProperty({ type: String, nullable: true, example: 'Phí thẩm định theo kết quả thẩm định hồ sơ' })
  reason: string | null;

  @ApiProperty({ example: '2026-04-15T10:00:00+07:00' })
  expiresAt: string;

  @ApiProperty({ type: String, nullable: true, example: null })
  paidAt: string | null;

  @ApiProperty({ type: [FeeLineView] })
  lines: FeeLineView[];

  @ApiProperty({ type: [PlatformAttemptView], description: 'Its attempts on the national payment platform, oldest first.' })
  attempts: PlatformAttemptView[];
}

export class PaymentReceiptRefView {
  @ApiProperty({ example: '7d1e2f3a-4b5c-4d6e-8f90-1a2b3c4d5e6f' })
  id: string;

  @ApiProperty({ example: '000.00.00.H56-BL2026-0000001' })
  number: string;
}

export class RefundView {
  @ApiProperty({ example: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d' })
  id: string;

  @ApiProperty({ example: 135000 })
  amountVnd: number;

  @ApiProperty({ example: 'Hồ sơ bị từ chối: hoàn trả lệ phí' })
  reason: string;

  @ApiProperty({ example: '2026-03-18T09:00:00+07:00' })
  refundedAt: string;

  @ApiProperty({ example: 'reception.ttphc', description: 'The officer, or `system` for an automatic refund.' })
  refundedBy: string;

  @ApiProperty({ example: false, description: 'Refunded by itself: a second payment of a bill already paid (or cancelled).' })
  automatic: boolean;
}

export class PaymentView {
  @ApiProperty({ example: '5c4b3a29-1807-4f6e-9d5c-4b3a29180706' })
  id: string;

  @ApiProperty({ example: '0b7c2d4e-1f3a-4b5c-8d9e-0f1a2b3c4d5e' })
  billId: string;

  @ApiProperty({ example: 135000, description: 'Whole VND.' })
  amountVnd: number;

  @ApiProperty({ enum: PAYMENT_CHANNELS, example: 'online' })
  channel: PaymentChannel;

  @ApiProperty({ enum: PAYMENT_METHODS, example: 'paygov' })
  method: PaymentMethod;

  @ApiProperty({ type: String, nullable: true, example: 'PG2603160001', description: 'The platform\'s transaction (MaGiaoDich), for online payments.' })
  transactionId: string | null;

  @ApiProperty({ type: String, nullable: true, example: null, description: 'The number of the counter\'s or postal worker\'s own receipt, for payments recorded by an officer.' })
  counterReceiptNumber: string | null;

  @ApiProperty({ example: '2026-03-16T10:06:12+07:00' })
  paidAt: string;

  @ApiProperty({ example: false, description: 'A second payment of a bill already paid (or cancelled): refunded automatically, see `refund`.' })
  duplicate: boolean;

  @ApiProperty({ type: PaymentReceiptRefView, nullable: true, description: 'Its electronic receipt; null for a duplicate.' })
  receipt: PaymentReceiptRefView | null;

  @ApiProperty({ type: RefundView, nullable: true })
  refund: RefundView | null;
}

export class DossierFeesView {
  @ApiProperty({ example: '000.00.00.H56-260316-0001' })
  dossierCode: string;

  @ApiProperty({ example: '1.003560' })
  procedureCode: string;

  @ApiProperty({ example: 'Cấp giấy phép lái xe' })
  procedureName: string;

  @ApiProperty({ example: 135000, description: 'Whole VND of the open bills: what is still to pay.' })
  outstandingVnd: number;

  @ApiProperty({ example: 0, description: 'Whole VND paid and not refunded.' })
  paidVnd: number;

  @ApiProperty({ type: [FeeLineView] })
  lines: FeeLineView[];

  @ApiProperty({ type: [BillView] })
  bills: BillView[];

  @ApiProperty({ type: [PaymentView], description: 'Every payment, duplicates (refunded automatically) included, oldest first.' })
  payments: PaymentView[];
}

export class OnlinePaymentStartView {
  @ApiProperty({ example: '0b7c2d4e-1f3a-4b5c-8d9e-0f1a2b3c4d5e' })
  billId: string;

  @ApiProperty({ example: 'B7K2M9QX4T2D01', description: 'MaThamChieu of this attempt.' })
  reference: string;

  @ApiProperty({ example: 135000 })
  amountVnd: number;

  @ApiProperty({ example: 'https://pay.gov.vn/payment?token=…', description: 'The platform\'s payment page: send the applicant there.' })
  paymentUrl: string;

  @ApiProperty({ example: '2026-03-16T10:20:00+07:00' })
  pageExpiresAt: string;
}

export class FeeReceiptLineView {
  @ApiProperty({ example: 'LP-1' })
  code: string;

  @ApiProperty({ example: 'Lệ phí cấp giấy phép lái xe' })
  name: string;

  @ApiProperty({ enum: FEE_KINDS, example: 'charge' })
  kind: FeeKind;

  @ApiProperty({ example: 135000 })
  amountVnd: number;
}

export class FeeReceiptView {
  @ApiProperty({ example: '7d1e2f3a-4b5c-4d6e-8f90-1a2b3c4d5e6f' })
  id: string;

  @ApiProperty({ example: '000.00.00.H56-BL2026-0000001', description: 'Its number in the agency\'s series of the year, without gaps.' })
  number: string;

  @ApiProperty({ example: '000.00.00.H56' })
  agencyCode: string;

  @ApiProperty({ example: 2026 })
  year: number;

  @ApiProperty({ example: 1 })
  serial: number;

  @ApiProperty({ example: '000.00.00.H56-260316-0001' })
  dossierCode: string;

  @ApiProperty({ example: 'Nguyễn Văn An' })
  payerName: string;

  @ApiProperty({ example: '2026-03-16T10:06:12+07:00' })
  issuedAt: string;

  @ApiProperty({ type: [FeeReceiptLineView] })
  lines: FeeReceiptLineView[];

  @ApiProperty({ example: 135000 })
  amountVnd: number;

  @ApiProperty({ enum: PAYMENT_CHANNELS, example: 'online' })
  channel: PaymentChannel;

  @ApiProperty({ enum: PAYMENT_METHODS, example: 'paygov' })
  method: PaymentMethod;

  @ApiProperty({ type: String, nullable: true, example: null })
  voidedAt: string | null;

  @ApiProperty({ type: String, nullable: true, example: null })
  voidReason: string | null;

  @ApiProperty({ type: RefundView, nullable: true, description: 'The refund of its payment, if any.' })
  refund: RefundView | null;
}

export function lineView(line: StoredFeeLine): FeeLineView {
  return { code: line.code, name: line.name, kind: line.kind, amountVnd: Number(line.amountVnd), due: line.due, source: line.source, billId: line.billId };
}

export function attemptView(attempt: PlatformAttempt): PlatformAttemptView {
  return { reference: attempt.reference, startedAt: formatLocal(attempt.startedAt), pageExpiresAt: formatLocal(attempt.pageExpiresAt), outcome: attempt.outcome };
}

export function billView(bill: Bill, lines: StoredFeeLine[], attempts: PlatformAttempt[]): BillView {
  return {
    id: bill.id,
    reference: bill.reference,
    agencyCode: bill.agencyCode,
    amountVnd: Number(bill.amountVnd),
    due: bill.due,
    stopsClock: bill.stopsClock,
    status: bill.status,
    requestedAt: formatLocal(bill.requestedAt),
    reason: bill.reason,
    expiresAt: formatLocal(bill.expiresAt),
    paidAt: at(bill.paidAt),
    lines: lines.filter((line) => line.billId === bill.id).map(lineView),
    attempts: attempts.filter((attempt) => attempt.billId === bill.id && attempt.paymentUrl !== '').map(attemptView),
  };
}

export function refundView(refund: Refund): RefundView {
  return { id: refund.id, amountVnd: Number(refund.amountVnd), reason: refund.reason, refundedAt: formatLocal(refund.refundedAt), refundedBy: refund.refundedBy, automatic: refund.automatic };
}

export function paymentView(payment: Payment, receipt: Receipt | undefined, refund: Refund | undefined): PaymentView {
  return {
    id: payment.id,
    billId: payment.billId,
    amountVnd: Number(payment.amountVnd),
    channel: payment.channel,
    method: payment.method,
    transactionId: payment.transactionId,
    counterReceiptNumber: payment.counterReceiptNumber,
    paidAt: formatLocal(payment.paidAt),
    duplicate: payment.duplicate,
    receipt: receipt ? { id: receipt.id, number: receipt.number } : null,
    refund: refund ? refundView(refund) : null,
  };
}

export function receiptView(receipt: Receipt, payment: Payment, refund: Refund | undefined): FeeReceiptView {
  return {
    id: receipt.id,
    number: receipt.number,
    agencyCode: receipt.agencyCode,
    year: receipt.year,
    serial: receipt.serial,
    dossierCode: receipt.dossierCode,
    payerName: receipt.payerName,
    issuedAt: formatLocal(receipt.issuedAt),
    lines: receipt.lines.map((line) => ({ code: line.code, name: line.name, kind: line.kind, amountVnd: line.amountVnd })),
    amountVnd: Number(receipt.amountVnd),
    channel: payment.channel,
    method: payment.method,
    voidedAt: at(receipt.voidedAt),
    voidReason: receipt.voidReason,
    refund: refund ? refundView(refund) : null,
  };
}
