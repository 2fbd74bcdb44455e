import { Logger } from '@nestjs/common';
import { paygovFeeKind } from '@onestop/domain';
import { MAXACTHUC_FIELDS, maXacThuc, parseAmount, parsePaygovTime, PAYGOV_OK, PAYGOV_TRANSACTION_STATES, PAYGOV_VERSION, paygovTime } from './paygov-messages.js';
import {
  type PaymentInit,
  PaymentPlatform,
  type PaymentStart,
  type PlatformResult,
  type PlatformSettlement,
  type PlatformStatus,
  PlatformRefusedError,
  PlatformUnavailableError,
} from './payment-platform.js';

export interface PaygovOptions {
  partnerCode: string;
  secretKey: string;
  initUrl: string;
  statusUrl: string;
  reconciliationUrl: string;
  accessToken?: string;
  serviceCode: string;
  channelCode: string;
  deviceCode: string;
  timeoutMs: number;
}

/** The INIT message, every field the platform reads, in its order (MAXACTHUC_FIELDS.INIT) first. */
export function initMessage(request: PaymentInit, options: Pick<PaygovOptions, 'partnerCode' | 'secretKey' | 'serviceCode' | 'channelCode' | 'deviceCode'>): Record<string, unknown> {
  const message: Record<string, unknown> = {
    LoaiBanTin: 'INIT',
    PhienBan: PAYGOV_VERSION,
    MaDoiTac: options.partnerCode,
    MaThamChieu: request.reference,
    SoTien: request.amountVnd.toString(),
    LoaiHinhThanhToan: 'PAY',
    MaKenhThanhToan: options.channelCode,
    MaThietBi: options.deviceCode,
    NgonNgu: 'vi-VN',
    MaTienTe: 'VND',
    MaNganHang: '',
    ThongTinGiaoDich: request.description,
    ThoiGianGD: paygovTime(request.startedAt),
    Ip: request.ip,
    ThongTinBienLai: {
      MaDichVu: options.serviceCode,
      MaTTHC: request.receipt.procedureCode,
      MaDonVi: request.receipt.agencyCode,
      MaHoSo: request.receipt.dossierCode,
      HoTenNguoiNop: request.receipt.payerName,
      SoCMNDNguoiNop: request.receipt.payerIdNumber,
      PhiLePhi: request.receipt.lines.map((line) => ({ LoaiPhiLePhi: paygovFeeKind(line.kind), MaPhiLePhi: line.code, TenPhiLePhi: line.name, SoTien: line.amountVnd })),
    },
  };
  message.MaXacThuc = maXacThuc('INIT', message, options.secretKey);
  return message;
}

/**
 * PayGov's API, as the platform's specification and the one-stop systems that use it describe it:
 * - INIT `POST PAYGOV_INIT_URL` → `{ error_code: "0", message: "{\"UrlThanhToan\": …}" }` (the
 *   message a JSON string or an object; `MaLoi: "00"` with `UrlThanhToan` is read too);
 * - status `POST PAYGOV_STATUS_URL` `{ LoaiBanTin: "QUERY", PhienBan, MaDoiTac, MaThamChieu, ThoiGianGD, MaXacThuc }`
 *   → the payment result's fields with `TrangThaiGD` 1 paid, 3 pending, 4 failed;
 * - reconciliation `POST PAYGOV_RECONCILIATION_URL` `{ LoaiBanTin: "RECONCILE", PhienBan, MaDoiTac, NgayGD: yyyyMMdd, MaXacThuc }`
 *   → `{ MaLoi: "00", DanhSachGiaoDich: [{ MaThamChieu, MaGiaoDich, SoTien, ThoiGianGD }] }`;
 * with `Authorization: Bearer PAYGOV_ACCESS_TOKEN` when set. A timeout, a network error or a 5xx
 * means "unavailable, try again"; another answer that is not a success is a refusal.
 */
export class PaygovPlatform extends PaymentPlatform {
  readonly code = 'paygov';
  readonly partnerCode: string;
  readonly secretKey: string;
  private readonly logger = new Logger('PaygovPlatform');

  constructor(private readonly options: PaygovOptions) {
    super();
    this.partnerCode = options.partnerCode;
    this.secretKey = options.secretKey;
  }

  async init(request: PaymentInit): Promise<PaymentStart> {
    const answer = (await this.call(this.options.initUrl, initMessage(request, this.options))) as Record<string, unknown>;
    const inner = typeof answer.message === 'string' ? safeJson(answer.message) : (answer.message as Record<string, unknown> | undefined);
    const ok = answer.error_code === '0' || answer.error_code === 0 || answer.MaLoi === PAYGOV_OK;
    const url = (inner?.UrlThanhToan ?? answer.UrlThanhToan) as unknown;
    if (!ok || typeof url !== 'string' || !/^https?:\/\//.test(url)) {
      throw new PlatformRefusedError(`the platform did not open a payment page: ${JSON.stringify({ error_code: answer.error_code, MaLoi: answer.MaLoi, MoTaLoi: answer.MoTaLoi }).slice(0, 300)}`);
    }
    return { paymentUrl: url };
  }

  async status(reference: string, startedAt: Date): Promise<PlatformStatus> {
    const message: Record<string, unknown> = { LoaiBanTin: 'QUERY', PhienBan: PAYGOV_VERSION, MaDoiTac: this.partnerCode, MaThamChieu: reference, ThoiGianGD: paygovTime(startedAt) };
    message.MaXacThuc = maXacThuc('STATUS', message, this.secretKey);
    const answer = (await this.call(this.options.statusUrl, message)) as Record<string, unknown>;
    if (answer.MaLoi !== PAYGOV_OK) return { state: 'unknown' };
    switch (String(answer.TrangThaiGD)) {
      case PAYGOV_TRANSACTION_STATES.paid:
        return { state: 'paid', result: { ...(answer as unknown as PlatformResult), MaLoi: PAYGOV_OK } };
      case PAYGOV_TRANSACTION_STATES.failed:
        return { state: 'failed', reason: typeof answer.MoTaLoi === 'string' ? answer.MoTaLoi.slice(0, 300) : 'failed at the platform' };
      case PAYGOV_TRANSACTION_STATES.pending:
        return { state: 'pending' };
      default:
        return { state: 'unknown' };
    }
  }

  async settlements(day: string): Promise<PlatformSettlement[]> {
    const message: Record<string, unknown> = { LoaiBanTin: 'RECONCILE', PhienBan: PAYGOV_VERSION, MaDoiTac: this.partnerCode, NgayGD: day.replace(/-/g, '') };
    message.MaXacThuc = maXacThuc('RECONCILIATION', message, this.secretKey);
    const answer = (await this.call(this.options.reconciliationUrl, message)) as { MaLoi?: unknown; DanhSachGiaoDich?: unknown };
    if (answer.MaLoi !== PAYGOV_OK) throw new PlatformRefusedError(`the platform refused the reconciliation of ${day}: MaLoi ${String(answer.MaLoi)}`);
    const settled: PlatformSettlement[] = [];
    for (const row of Array.isArray(answer.DanhSachGiaoDich) ? (answer.DanhSachGiaoDich as Array<Record<string, unknown>>) : []) {
      const amountVnd = parseAmount(row.SoTien);
      const paidAt = parsePaygovTime(row.ThoiGianGD);
      if (typeof row.MaThamChieu !== 'string' || typeof row.MaGiaoDich !== 'string' || amountVnd === undefined || !paidAt) {
        this.logger.warn(`ignored a settled transaction the platform listed in a shape we do not read (fields ${Object.keys(row).join(', ')})`);
        continue;
      }
      settled.push({ reference: row.MaThamChieu, transactionId: row.MaGiaoDich, amountVnd, paidAt });
    }
    return settled;
  }

  private async call(url: string, body: Record<string, unknown>): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { accept: 'application/json', 'content-type': 'application/json', ...(this.options.accessToken ? { authorization: `Bearer ${this.options.accessToken}` } : {}) },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (error) {
      throw new PlatformUnavailableError(`the payment platform did not answer ${body.LoaiBanTin as string}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const text = await response.text();
    if (response.status >= 500 || response.status === 429) throw new PlatformUnavailableError(`the payment platform answered ${body.LoaiBanTin as string} with HTTP ${response.status}`);
    if (response.status >= 400) throw new PlatformRefusedError(`HTTP ${response.status}: ${text.slice(0, 300)}`);
    const parsed = safeJson(text);
    if (!parsed) throw new PlatformUnavailableError(`the payment platform answered ${body.LoaiBanTin as string} with a body that is not JSON`);
    return parsed;
  }
}

function safeJson(text: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** For readers of the field list: every INIT field, the hashed ones first. */
export const INIT_FIELDS = [...MAXACTHUC_FIELDS.INIT, 'ThongTinBienLai', 'MaXacThuc'] as const;
