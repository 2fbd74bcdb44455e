import type { DossierFeeLine } from '@onestop/domain';

/** What the platform's payment page is opened for: one attempt at paying one bill. */
export interface PaymentInit {
  /** MaThamChieu of the attempt, unique on the platform. */
  reference: string;
  amountVnd: bigint;
  /** ThongTinGiaoDich: what the payer sees, e.g. "Thanh toan ho so 000.00.00.H56-260316-0001". */
  description: string;
  startedAt: Date;
  /** The payer's address as we saw it (Ip). */
  ip: string;
  /** ThongTinBienLai: who pays what, for the platform's receipt. */
  receipt: {
    procedureCode: string;
    agencyCode: string;
    dossierCode: string;
    payerName: string;
    payerIdNumber: string;
    lines: DossierFeeLine[];
  };
}

/** The payment page the applicant is sent to. */
export interface PaymentStart {
  paymentUrl: string;
}

/**
 * A payment result as the platform gives it (its callback, or its answer to a status query),
 * in its own fields. Whoever applies it checks it against the bill: MaLoi, amount and currency.
 */
export interface PlatformResult {
  LoaiBanTin: string;
  MaLoi: string;
  MaDoiTac: string;
  MaThamChieu: string;
  SoTien: string | number;
  MaTienTe: string;
  MaGiaoDich: string;
  MaNganHang: string;
  ThoiGianGD: string;
  ThongTinGiaoDich?: string;
  MaXacThuc?: string;
}

/** What the platform knows of an attempt when asked. */
export type PlatformStatus = { state: 'paid'; result: PlatformResult } | { state: 'pending' } | { state: 'failed'; reason: string } | { state: 'unknown' };

/** One transaction the platform settled on a day (đối soát). */
export interface PlatformSettlement {
  reference: string;
  transactionId: string;
  amountVnd: bigint;
  paidAt: Date;
}

/** The platform cannot be reached or failed (a 5xx, a timeout): try again later. */
export class PlatformUnavailableError extends Error {
  override readonly name = 'PlatformUnavailableError';
}

/** The platform answered and refused (a bad MaXacThuc, an unknown partner). */
export class PlatformRefusedError extends Error {
  override readonly name = 'PlatformRefusedError';
}

/**
 * The national payment platform behind one interface: the built-in simulated one or PayGov's
 * API. Its payment results call back at `/api/v1/payment-callbacks/paygov`, authenticated by
 * MaXacThuc with `secretKey`, and it asks for bills at `/api/v1/payment-callbacks/paygov/bills`.
 */
export abstract class PaymentPlatform {
  abstract readonly code: string;
  /** MaDoiTac. */
  abstract readonly partnerCode: string;
  /** The key every MaXacThuc is made with, both ways. */
  abstract readonly secretKey: string;
  abstract init(request: PaymentInit): Promise<PaymentStart>;
  abstract status(reference: string, startedAt: Date): Promise<PlatformStatus>;
  /** The transactions the platform settled on a day (yyyy-MM-dd, Vietnam's day). */
  abstract settlements(day: string): Promise<PlatformSettlement[]>;
}
