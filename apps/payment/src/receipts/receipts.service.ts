import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { type DossierFeeLine, feeKindWords, formatLocal, totalVnd } from '@onestop/domain';
import { feeReceiptForm, FormAgencies, renderFormPdf, vietnameseDateTime } from '@onestop/platform';
import type { Payment, Refund } from '../payments/payments.repository.js';
import { type Receipt, ReceiptsRepository } from './receipts.repository.js';

const YEAR_OF = (at: Date) => Number(formatLocal(at).slice(0, 4));

/** The receipt's number: agency, year and serial in the series, e.g. 000.00.00.H56-BL2026-0000001. */
export function receiptNumber(agencyCode: string, year: number, serial: number): string {
  return `${agencyCode}-BL${year}-${String(serial).padStart(7, '0')}`;
}

const PAID_BY: Record<Payment['method'], string> = {
  paygov: 'Trực tuyến qua Nền tảng thanh toán quốc gia',
  cash: 'Tiền mặt',
  card: 'Thẻ ngân hàng',
};

/** Electronic receipts (biên lai điện tử): issued with the payment, printed in Vietnamese, voided never deleted. */
@Injectable()
export class ReceiptsService {
  constructor(
    private readonly receipts: ReceiptsRepository,
    private readonly agencies: FormAgencies,
  ) {}

  /** Issues the payment's receipt in the transaction that records it, numbered in its agency's series of the year (Vietnam's year). */
  async issue(manager: EntityManager, payment: Payment, lines: DossierFeeLine[], payerName: string, now: Date): Promise<Receipt> {
    const year = YEAR_OF(payment.paidAt);
    const serial = await this.receipts.nextSerial(payment.agencyCode, year, manager);
    const receipt: Receipt = {
      id: randomUUID(),
      paymentId: payment.id,
      dossierCode: payment.dossierCode,
      agencyCode: payment.agencyCode,
      year,
      serial,
      number: receiptNumber(payment.agencyCode, year, serial),
      issuedAt: now,
      payerName,
      lines,
      amountVnd: BigInt(totalVnd(lines)),
      voidedAt: null,
      voidedBy: null,
      voidReason: null,
    };
    await this.receipts.insert(receipt, manager);
    return receipt;
  }

  async pdf(receipt: Receipt, payment: Payment, refund: Refund | undefined, procedureName: string): Promise<Buffer> {
    const agency = await this.agencies.header(receipt.agencyCode);
    return renderFormPdf(
      feeReceiptForm({
        agency,
        number: receipt.number,
        dossierCode: receipt.dossierCode,
        procedureName,
        payerName: receipt.payerName,
        issuedAt: formatLocal(receipt.issuedAt),
        paidBy: payment.transactionId ? `${PAID_BY[payment.method]} (mã giao dịch ${payment.transactionId})` : payment.counterReceiptNumber ? `${PAID_BY[payment.method]} (số phiếu thu ${payment.counterReceiptNumber})` : PAID_BY[payment.method],
        lines: receipt.lines.map((line) => ({ kindWords: feeKindWords(line.kind), name: line.name, amountVnd: line.amountVnd })),
        amountVnd: Number(receipt.amountVnd),
        lookupHint: `Tra cứu biên lai trên Cổng dịch vụ công của tỉnh bằng mã hồ sơ ${receipt.dossierCode} và mã tra cứu trên giấy tiếp nhận hồ sơ.`,
        voided: receipt.voidedAt ? { at: formatLocal(receipt.voidedAt), reason: receipt.voidReason ?? '' } : null,
        refunded: refund ? `Khoản thu đã được hoàn trả lúc ${vietnameseDateTime(formatLocal(refund.refundedAt))}. Lý do: ${refund.reason}` : null,
      }),
    );
  }
}
