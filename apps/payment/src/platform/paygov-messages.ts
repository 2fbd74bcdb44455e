import { createHash, timingSafeEqual } from 'node:crypto';
import { formatLocal } from '@onestop/domain';

/**
 * The national payment platform's (PayGov) messages as we speak them, and their MaXacThuc.
 *
 * MaXacThuc is the lowercase hex SHA-256 of the message's fields joined by `|`, in the platform's
 * order, with the key shared with the platform appended as the last field. The order of each
 * message's fields is written ONCE, here (`MAXACTHUC_FIELDS`); whoever signs or checks a message
 * goes through `maXacThuc` / `verifiesMaXacThuc`. Orders of INIT, the payment result and the
 * status query as public one-stop systems implement the platform's specification; the bill query
 * and the reconciliation, which we found no public implementation of, follow the status query's
 * shape (see README, "The national payment platform").
 */
export const MAXACTHUC_FIELDS = {
  /** Payment initialisation, us → platform. */
  INIT: ['LoaiBanTin', 'PhienBan', 'MaDoiTac', 'MaThamChieu', 'SoTien', 'LoaiHinhThanhToan', 'MaKenhThanhToan', 'MaThietBi', 'NgonNgu', 'MaTienTe', 'MaNganHang', 'ThongTinGiaoDich', 'ThoiGianGD', 'Ip'],
  /** The payment result, platform → us (the callback, and the status query's answer). */
  RESULT: ['LoaiBanTin', 'MaLoi', 'MaDoiTac', 'MaThamChieu', 'SoTien', 'MaTienTe', 'MaGiaoDich', 'MaNganHang', 'ThoiGianGD', 'ThongTinGiaoDich'],
  /** Status of one transaction, us → platform (polling). */
  STATUS: ['LoaiBanTin', 'PhienBan', 'MaDoiTac', 'MaThamChieu', 'ThoiGianGD'],
  /** The bill of a dossier, platform → us. */
  BILL_QUERY: ['LoaiBanTin', 'PhienBan', 'MaDoiTac', 'MaHoSo', 'ThoiGianGD'],
  /** Our answer to the bill query, us → platform. */
  BILL_ANSWER: ['MaLoi', 'MaDoiTac', 'MaHoSo', 'MaThamChieu', 'SoTien', 'MaTienTe'],
  /** The transactions the platform settled on a day, us → platform. */
  RECONCILIATION: ['LoaiBanTin', 'PhienBan', 'MaDoiTac', 'NgayGD'],
} as const;

export type PaygovMessageKind = keyof typeof MAXACTHUC_FIELDS;

export const PAYGOV_VERSION = '1.0.0';
/** MaLoi of success, on every message. */
export const PAYGOV_OK = '00';
/** TrangThaiGD of the status query: 1 paid, 3 pending (the platform does not know yet), 4 failed. */
export const PAYGOV_TRANSACTION_STATES = { paid: '1', pending: '3', failed: '4' } as const;

/** The value a field has in the hashed string: absent is empty, numbers as their digits. */
function fieldText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'bigint' || typeof value === 'number') return String(value);
  return String(value);
}

/** MaXacThuc of a message of this kind with the shared key. */
export function maXacThuc(kind: PaygovMessageKind, message: Record<string, unknown>, secretKey: string): string {
  const text = [...MAXACTHUC_FIELDS[kind].map((field) => fieldText(message[field])), secretKey].join('|');
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Whether the message's MaXacThuc is its own with the shared key, in constant time; any malformed value is not. */
export function verifiesMaXacThuc(kind: PaygovMessageKind, message: Record<string, unknown>, secretKey: string): boolean {
  const offered = message.MaXacThuc;
  if (typeof offered !== 'string' || !/^[0-9a-fA-F]{64}$/.test(offered)) return false;
  return timingSafeEqual(Buffer.from(offered.toLowerCase(), 'hex'), Buffer.from(maXacThuc(kind, message, secretKey), 'hex'));
}

/** ThoiGianGD: yyyyMMddHHmmss in Vietnam's time (24-hour: some systems print `hh`, 12-hour, and collide twice a day). */
export function paygovTime(at: Date): string {
  return formatLocal(at).slice(0, 19).replace(/[-T:]/g, '');
}

/** The instant of a ThoiGianGD, or undefined when it is not one. */
export function parsePaygovTime(text: unknown): Date | undefined {
  if (typeof text !== 'string') return undefined;
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(text);
  if (!m) return undefined;
  const at = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}+07:00`);
  return Number.isNaN(at.getTime()) ? undefined : at;
}

/** SoTien as whole VND: digits only (a number or a string of digits), never a fraction; undefined otherwise. */
export function parseAmount(value: unknown): bigint | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return BigInt(value);
  if (typeof value === 'string' && /^\d{1,15}$/.test(value)) return BigInt(value);
  return undefined;
}

/** The reference (MaThamChieu) of one payment attempt of a bill: letters and digits only, as the platform accepts. */
export function attemptReference(billReference: string, attempt: number): string {
  return `${billReference}${String(attempt).padStart(2, '0')}`;
}
