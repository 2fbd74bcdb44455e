import type { DossierFeeLine, FeeDue, PaymentChannel, PaymentMethod } from '../payment/fees.js';

/**
 * Payment asked the applicant to pay a bill (national status 6 when it stops the clock): at
 * reception, the procedure's lines due with the submission; during processing, a fee an officer
 * assessed (some depend on the appraisal). Workflow stops the clock when `stopsClock`; notification
 * tells the applicant how to pay. No personal data travels.
 */
export interface PaymentRequestedV1 {
  dossierCode: string;
  /** The receiving agency: the bill's payee and its receipt series. */
  agencyCode: string;
  billId: string;
  /** The bill's reference on the national payment platform (MaThamChieu). */
  reference: string;
  lines: DossierFeeLine[];
  /** Whole VND, the sum of the lines. */
  amountVnd: number;
  due: FeeDue;
  /** True for a fee assessed during processing: the case waits (status 6) until it is paid. */
  stopsClock: boolean;
  requestedAt: string;
  /** The officer who assessed it, or `system` for the lines of the procedure at reception. */
  requestedBy: string;
  reason: string | null;
  howToPay: {
    /** Payable online through the national payment platform (PayGov). */
    online: boolean;
    /**
     * Where the applicant starts the online payment, relative to the public API root:
     * `POST /api/v1/payments/dossiers/{code}/online` (with the lookup code as `?secret=` when not
     * signed in) answers the platform's payment page URL.
     */
    onlinePath: string;
    /** Payable at the receiving agency's counter (cash or card). */
    counter: boolean;
  };
  /** When the bill lapses unpaid (the platform's payment page also expires), ISO 8601; null: no limit. */
  expiresAt: string | null;
}

/**
 * A bill was paid, once: online (the platform's verified callback or its status when polled), at
 * the counter or to the postal worker. Workflow resumes the clock when `resumesClock`; reporting
 * counts fees paid online. A second payment of a bill already paid is `duplicate`, refunded at
 * once (a FeeRefunded follows) and changes nothing else.
 */
export interface FeePaidV1 {
  dossierCode: string;
  agencyCode: string;
  billId: string;
  paymentId: string;
  amountVnd: number;
  channel: PaymentChannel;
  method: PaymentMethod;
  paidAt: string;
  /** The electronic receipt (biên lai điện tử) issued for it; null for a duplicate. */
  receipt: { id: string; number: string } | null;
  /** The bill had stopped the clock: processing resumes. */
  resumesClock: boolean;
  duplicate: boolean;
}

/** A payment was refunded: by an officer (a refused or withdrawn dossier) or automatically (a second payment of a paid bill). */
export interface FeeRefundedV1 {
  dossierCode: string;
  agencyCode: string;
  paymentId: string;
  refundId: string;
  amountVnd: number;
  channel: PaymentChannel;
  reason: string;
  refundedAt: string;
  /** The officer's subject, or `system` for an automatic refund. */
  refundedBy: string;
  automatic: boolean;
}
