import { type Channel, type DossierStatus, formatLocal, NATIONAL_CHANNEL_CODES, type NationalDossierRecord, ONLINE_REGISTRATION_NOTE, RECEPTION_NOTES } from '@onestop/domain';
import type { NationalStatusTable } from './national-status.js';

/**
 * The one place our fields become the National Public Service Portal's (DongBoHoSoMC,
 * CapNhatTienDoHoSoMC, TraCuuHoSo) and the ministry's monitoring system's (EMC): a field the
 * portal renames is a one-line change here. The README's mapping tables follow this file.
 * Formats as OpenCPS (VietOpenCPS/opencps-v2, DVCQGIntegrationActionImpl) sends them: times
 * `yyyyMMddHHmmss` in Asia/Ho_Chi_Minh, empty string for a time not known, codes as strings.
 */

/** The portal's service names. */
export const PORTAL_SERVICES = { lookup: 'TraCuuHoSo', dossier: 'DongBoHoSoMC', progress: 'CapNhatTienDoHoSoMC' } as const;

/** `yyyyMMddHHmmss` in Vietnam's time (UTC+7, no daylight saving), '' for none. */
export function portalTime(instant: string | Date | null | undefined): string {
  if (instant === null || instant === undefined) return '';
  const local = formatLocal(typeof instant === 'string' ? new Date(instant) : instant);
  return local.slice(0, 19).replace(/\D/g, '');
}

/** What a dossier push knows from the event it came from (no personal data). */
export interface DossierPushSnapshot {
  /** The dossier's status at that moment; null for an operator's re-push, which sends the status intake holds now. */
  status: DossierStatus | null;
  at: string;
  appointmentAt: string | null;
  /** The unit the dossier is at (DonViXuLy), when the event named it. */
  unitName: string | null;
  /** When processing finished (the result ready) and when the result was returned, if they have happened. */
  processedAt: string | null;
  returnedAt: string | null;
}

/** One progress step, as the event told it. */
export interface ProgressPushSnapshot {
  status: DossierStatus;
  at: string;
  officerName: string | null;
  officerTitle: string | null;
  unitName: string | null;
  content: string;
  startedAt: string | null;
  statutoryEndAt: string | null;
}

/** A result paper issued (from workflow's ResultReady). */
export interface ResultPaper {
  documentNumber: string;
  resultKind: 'electronic' | 'paper';
  readyAt: string;
}

/** What the connector adds to intake's record: names from the catalog, the results, where files are downloaded. */
export interface DossierContext {
  fieldName: string | null;
  results: ResultPaper[];
  fileBaseUrl: string;
  statuses: NationalStatusTable;
}

const yesNo = (value: boolean) => (value ? '1' : '0');

/** The DongBoHoSoMC entry of a dossier (one item of `data`). */
export function portalDossier(record: NationalDossierRecord, snapshot: DossierPushSnapshot, context: DossierContext): Record<string, unknown> {
  const { applicant } = record;
  const status = snapshot.status ?? record.status;
  const person = applicant.kind === 'person';
  return {
    MaHoSo: record.dossierCode,
    MaTTHC: record.procedureCode,
    TenTTHC: record.procedureName,
    MaLinhVuc: record.fieldCode,
    TenLinhVuc: context.fieldName ?? '',
    KenhThucHien: String(NATIONAL_CHANNEL_CODES[record.channel]),
    ChuHoSo: applicant.name,
    LoaiDoiTuong: person ? '1' : '2',
    // An organisation is known to the portal by its tax code; a person by the identity number below.
    MaDoiTuong: person ? '' : applicant.idNumber,
    DinhDanhCHS: person ? [{ LoaiDinhDanh: '1', SoDinhDanh: applicant.idNumber }] : [],
    SoDienThoai: applicant.phone,
    Email: applicant.email ?? '',
    TrichYeuHoSo: `${record.procedureName} - ${applicant.name}`,
    NgayTiepNhan: portalTime(record.receivedAt),
    NgayHenTra: portalTime(snapshot.appointmentAt ?? record.appointmentAt),
    TrangThaiHoSo: String(context.statuses.codeOf(status)),
    NgayTra: portalTime(snapshot.returnedAt),
    HinhThuc: record.resultDelivery === 'post' ? '1' : '0',
    NgayKetThucXuLy: portalTime(snapshot.processedAt),
    DonViXuLy: snapshot.unitName ?? record.receivingAgencyName,
    DuocThanhToanTrucTuyen: yesNo(record.feesPaidOnline),
    TaiLieuNop: record.files.map((file) => ({
      TepDinhKemId: file.id,
      TenTepDinhKem: file.fileName,
      MaThanhPhanHoSo: file.requirement === null ? '' : String(file.requirement),
      DuongDanTaiTepTin: `${context.fileBaseUrl.replace(/\/$/, '')}/dossiers/${encodeURIComponent(record.dossierCode)}/documents/${file.id}`,
      DuocSoHoa: '0',
      DuocTaiSuDung: '0',
    })),
    DanhSachLePhi: record.fees.map((fee) => ({
      TenPhiLePhi: fee.name,
      MaPhiLePhi: fee.code,
      HinhThucThu: fee.paidOnline ? '1' : '0',
      Gia: fee.amountVnd,
      // The portal's kinds: 1 a fee (phí), 2 a charge (lệ phí).
      LoaiPhiLePhi: fee.kind === 'fee' ? '1' : '2',
    })),
    DanhSachHoSoBoSung: record.supplementRequests.map((request, index) => ({
      HoSoBoSungId: `${record.dossierCode}-BS${index + 1}`,
      NguoiYeuCauBoSung: record.receivingAgencyName,
      NoiDungBoSung: [...request.items.map((item) => (item.note ? `${item.name} (${item.note})` : item.name)), ...(request.note ? [request.note] : [])].join('; '),
      NgayBoSung: portalTime(request.requestedAt),
      NgayTiepNhanBoSung: portalTime(request.answeredAt),
      // 1 answered in full (the clock resumed), 0 still waiting for the applicant.
      TrangThaiBoSung: request.completedAt ? '1' : '0',
      NgayHenTraTruoc: '',
      NgayHenTraMoi: request.completedAt ? portalTime(record.appointmentAt) : '',
    })),
    DanhSachGiayToKetQua: context.results.map((result) => ({
      TenGiayTo: result.resultKind === 'electronic' ? `Kết quả điện tử số ${result.documentNumber}` : `Kết quả số ${result.documentNumber}`,
      GiayToId: result.documentNumber,
      DuongDanTepTinKetQua: '',
    })),
  };
}

/** The CapNhatTienDoHoSoMC entry of a step. */
export function portalProgress(dossierCode: string, step: ProgressPushSnapshot, statuses: NationalStatusTable): Record<string, unknown> {
  return {
    MaHoSo: dossierCode,
    NguoiXuLy: step.officerName ?? '',
    ChucDanh: step.officerTitle ?? '',
    ThoiDiemXuLy: portalTime(step.at),
    PhongBanXuLy: step.unitName ?? '',
    NoiDungXuLy: step.content,
    TrangThai: String(statuses.codeOf(step.status)),
    NgayBatDau: portalTime(step.startedAt),
    NgayKetThucTheoQuyDinh: portalTime(step.statutoryEndAt),
  };
}

/** The words of a reception step (the portal's first progress entry). */
export function receptionContent(channel: Channel, awaitingAcceptance: boolean): string {
  return awaitingAcceptance ? ONLINE_REGISTRATION_NOTE : RECEPTION_NOTES[channel];
}

/** The portal's answer: `error_code` "0" is success. */
export interface PortalAnswer {
  errorCode: string;
  message: string;
  body: Record<string, unknown>;
}

export function portalAnswerOf(body: unknown): PortalAnswer {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const code = record.error_code;
  const message = record.message ?? record.error_message ?? record.error ?? '';
  return { errorCode: code === undefined || code === null ? '' : String(code), message: typeof message === 'string' ? message : JSON.stringify(message), body: record };
}

export const succeeded = (answer: PortalAnswer) => answer.errorCode === '0';

/** A first push of a dossier the portal has already: the push is repeated as an update. */
export const alreadyExists = (answer: PortalAnswer) => !succeeded(answer) && /đã tồn tại|already exist/i.test(answer.message);

/** The session was refused as expired or unknown: renewed once and the call repeated. */
export const sessionExpired = (answer: PortalAnswer) => !succeeded(answer) && /session|phiên/i.test(answer.message);

/** TraCuuHoSo's answer: the portal has the dossier when `result` lists it. */
export const portalHasDossier = (answer: PortalAnswer) => succeeded(answer) && Array.isArray(answer.body.result) && answer.body.result.length > 0;

// ----- EMC, the ministry's monitoring system -----

/** EMC's Status: 1 received, 2 processing, 3 result returned, 4 assigned, 0 other. */
export function emcStatus(status: DossierStatus | 'received', action: string | null): number {
  if (status === 'received' || status === 'registered' || status === 'accepted') return 1;
  if (status === 'returned') return 3;
  if (status === 'processing') return action === 'forward' || action === 'assign' ? 4 : 2;
  if (status === 'supplement_requested' || status === 'payment_requested' || status === 'processed') return 2;
  return 0;
}

/** What an EMC report knows from its event. */
export interface EmcPushSnapshot {
  status: DossierStatus | 'received';
  action: string | null;
  procedureCode: string;
  procedureName: string;
  channel: Channel;
  fromNationalPortal: boolean;
  byPost: boolean;
}

export function emcReport(dossierCode: string, snapshot: EmcPushSnapshot, siteId: string, onlineLevel: number | null): Record<string, unknown> {
  return {
    CodeProfile: dossierCode,
    SiteId: siteId,
    CodeTTHC: snapshot.procedureCode,
    NameTTHC: snapshot.procedureName,
    MaHoSo: dossierCode,
    Status: emcStatus(snapshot.status, snapshot.action),
    // EMC's forms: 1 online, 2 direct (at the counter or by post).
    FormsReception: snapshot.channel === 'online' ? 1 : 2,
    Level: onlineLevel ?? 0,
    IsFromDVCQG: snapshot.fromNationalPortal ? 1 : 0,
    IsDVCBC: snapshot.byPost ? 1 : 0,
  };
}

// ----- Inbound: the portal's dossier → intake's online reception -----

/** The portal's dossier as the connector reads it (field names as the portal defines them; see inbound.dto.ts). */
export interface InboundDossier {
  MaHoSo: string;
  MaTTHC: string;
  MaDonVi: string;
  ChuHoSo: string;
  LoaiDoiTuong: '1' | '2';
  DinhDanhCHS: Array<{ LoaiDinhDanh: string; SoDinhDanh: string }>;
  SoDienThoai: string;
  Email?: string;
  DiaChi: { MaTinh: string; MaHuyen?: string; MaXa: string; DiaChiChiTiet: string; TenTinh?: string; TenXa?: string };
  HinhThuc?: '0' | '1';
  DuocThanhToanTrucTuyen?: '0' | '1';
  TepDinhKem: Array<{ TenTepDinhKem: string; MaThanhPhanHoSo?: string }>;
}

/** Intake's `POST /sync/dossiers` body of a portal dossier. A commune or province the portal names by code only keeps its code. */
export function intakeRequestOf(dossier: InboundDossier): Record<string, unknown> {
  const address = {
    detail: dossier.DiaChi.DiaChiChiTiet,
    commune: dossier.DiaChi.TenXa ?? `Mã xã ${dossier.DiaChi.MaXa}`,
    province: dossier.DiaChi.TenTinh ?? `Mã tỉnh ${dossier.DiaChi.MaTinh}`,
  };
  const requirements = [...new Set(dossier.TepDinhKem.flatMap((file) => (file.MaThanhPhanHoSo ? [Number(file.MaThanhPhanHoSo)] : [])))].sort((a, b) => a - b);
  return {
    externalId: dossier.MaHoSo,
    procedureCode: dossier.MaTTHC,
    agencyCode: dossier.MaDonVi,
    applicant: {
      kind: dossier.LoaiDoiTuong === '2' ? 'organisation' : 'person',
      name: dossier.ChuHoSo,
      idNumber: dossier.DinhDanhCHS[0].SoDinhDanh,
      phone: dossier.SoDienThoai,
      ...(dossier.Email ? { email: dossier.Email } : {}),
      address,
    },
    documents: requirements.map((requirement) => ({ requirement, quantity: 1 })),
    resultDelivery: dossier.HinhThuc === '1' ? { method: 'post', address } : { method: 'counter' },
    feesPaidOnline: dossier.DuocThanhToanTrucTuyen === '1',
  };
}

/** Intake's field names back in the portal's, for the fields a refusal names. */
export function portalFieldOf(field: string): string {
  const fixed: Record<string, string> = {
    externalId: 'MaHoSo',
    procedureCode: 'MaTTHC',
    agencyCode: 'MaDonVi',
    channel: 'MaTTHC',
    'applicant.kind': 'LoaiDoiTuong',
    'applicant.name': 'ChuHoSo',
    'applicant.idNumber': 'DinhDanhCHS[0].SoDinhDanh',
    'applicant.phone': 'SoDienThoai',
    'applicant.email': 'Email',
    'applicant.address.detail': 'DiaChi.DiaChiChiTiet',
    'applicant.address.commune': 'DiaChi.MaXa',
    'applicant.address.province': 'DiaChi.MaTinh',
    'resultDelivery.method': 'HinhThuc',
    feesPaidOnline: 'DuocThanhToanTrucTuyen',
  };
  if (fixed[field]) return fixed[field];
  if (/^documents(\[\d+\])?/.test(field) || field === 'missingDocuments') return 'TepDinhKem';
  return field;
}
