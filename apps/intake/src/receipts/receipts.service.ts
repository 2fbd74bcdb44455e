import { Injectable } from '@nestjs/common';
import { type Channel, type FeeLine, formatLocal, MINUTES_PER_WORKING_DAY } from '@onestop/domain';
import { type FormAgency, type FormBlock, placeAndDate as placeAndDateOf, type ReceiptFormData, receiptForm, renderFormPdf, vietnameseMoney } from '@onestop/platform';
import type { Dossier } from '../dossiers/dossier.entity.js';
import { toDossierView } from '../dossiers/dossier.views.js';
import type { SubmitDossierRequest } from '../dossiers/dossier.dto.js';
import type { ReceptionAssessment } from '../dossiers/reception.service.js';
import type { ReceiptView, ReceptionCheckView } from './receipt.views.js';

const FORM_NAMES: Record<string, string> = { original: 'Bản chính', certified_copy: 'Bản sao chứng thực', copy: 'Bản sao' };

export function statutoryTimeText(minutes: number): string {
  if (minutes % MINUTES_PER_WORKING_DAY === 0) return `${minutes / MINUTES_PER_WORKING_DAY} ngày làm việc`;
  const hours = Math.round((minutes / 60) * 100) / 100;
  return `${String(hours).replace('.', ',')} giờ làm việc`;
}

export function address(a: { detail: string; commune: string; province: string }): string {
  return `${a.detail}, ${a.commune}, ${a.province}`;
}

const CHANNEL_TEXT: Record<Channel, string> = {
  counter: 'Trực tiếp tại Bộ phận Một cửa',
  online: 'Trực tuyến qua Cổng dịch vụ công',
  post: 'Qua dịch vụ bưu chính công ích',
};

/** The fees line of form 01: each fee with its amount, `Không` for none. */
export function feesText(fees: FeeLine[], paidOnline: boolean): string {
  if (fees.length === 0) return 'Không';
  // The assessment made at reception: each line, and when a line is due only before the result.
  const lines = fees
    .map((fee) => `${fee.name}: ${vietnameseMoney(fee.amountVnd)}${fee.note ? ` (${fee.note})` : ''}${fee.due === 'before_result' ? ' (nộp trước khi nhận kết quả)' : ''}`)
    .join('; ');
  return paidOnline ? `${lines} (đã nộp trực tuyến)` : lines;
}

/** What form 01 prints beyond the dossier itself: gathered from the history, catalog and postal. */
export interface ReceiptDetails {
  receivedByName: string | null;
  /** Null when catalog could not say. */
  fees: FeeLine[] | null;
  trackingNumber: string | null;
}

/** Form 01 as data and as a printable PDF. */
@Injectable()
export class ReceiptsService {
  receipt(dossier: Dossier, details: ReceiptDetails): ReceiptView {
    const view = toDossierView(dossier);
    const delivery = view.resultDelivery;
    const deliveryText =
      delivery.method === 'counter'
        ? `Tại Bộ phận Một cửa: ${view.agency.name}`
        : delivery.method === 'online'
          ? 'Trực tuyến: kết quả điện tử trên Cổng dịch vụ công'
          : `Qua dịch vụ bưu chính công ích, đến: ${address(delivery.address!)}`;
    return {
      form: '01',
      title: 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
      dossierCode: view.code,
      lookupSecret: view.lookupSecret,
      agency: view.agency,
      procedure: view.procedure,
      applicant: view.applicant,
      documents: view.documents,
      statutoryTime: { workingMinutes: view.processingMinutes, text: statutoryTimeText(view.processingMinutes) },
      receivedAt: view.receivedAt,
      appointmentAt: view.appointmentAt,
      resultDelivery: delivery,
      resultDeliveryText: deliveryText,
      channel: view.channel,
      channelText: CHANNEL_TEXT[view.channel],
      receivedByName: details.receivedByName,
      fees: details.fees,
      feesText: details.fees ? feesText(details.fees, dossier.feesPaidOnline) : null,
      trackingNumber: dossier.channel === 'post' ? details.trackingNumber : null,
      signed: dossier.channel === 'counter',
    };
  }

  /** The printable form 01, under `issuer` (the receiving agency as catalog names it). */
  async receiptPdf(receipt: ReceiptView, issuer: FormAgency): Promise<Buffer> {
    return renderFormPdf(receiptForm(receiptFormData(receipt, issuer)));
  }

  checkView(assessment: ReceptionAssessment): ReceptionCheckView {
    const { version, agency, refusals, missing, receivedAt } = assessment;
    return {
      receivable: refusals.length === 0 && missing.length === 0,
      form: refusals.length > 0 ? '03' : missing.length > 0 ? '02' : null,
      procedure: { code: version.code, versionNo: version.versionNo, name: version.procedure.name },
      agency: { code: agency.code, name: agency.name },
      refusals,
      missingDocuments: missing,
      checkedAt: formatLocal(receivedAt),
    };
  }

  /** Form 03 (refusal) or 02 (supplement request) for a dossier the counter cannot receive. */
  async checkPdf(check: ReceptionCheckView, request: SubmitDossierRequest): Promise<Buffer> {
    const applicantFields = [
      { label: 'Kính gửi', value: request.applicant.name },
      { label: 'Địa chỉ', value: address(request.applicant.address) },
      { label: 'Thủ tục', value: `${check.procedure.name} (${check.procedure.code})` },
    ];
    /** Both forms: the agency's heading, today's place and date, the receiving officer's signature. */
    const counterForm = (formNumber: '02' | '03', title: string, body: FormBlock[]) =>
      renderFormPdf({
        formNumber,
        issuer: check.agency.name,
        placeAndDate: placeAndDateOf(null, check.checkedAt),
        title,
        body,
        signatures: [{ role: 'Người tiếp nhận hồ sơ', note: '(Ký và ghi rõ họ tên)' }],
      });
    if (check.form === '03') {
      return counterForm('03', 'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ', [
        { kind: 'fields', fields: applicantFields },
        { kind: 'paragraph', text: 'Cơ quan, đơn vị không tiếp nhận giải quyết hồ sơ này vì các lý do sau:' },
        { kind: 'table', columns: [{ header: 'STT', width: 1, align: 'center' }, { header: 'Lý do', width: 11 }], rows: check.refusals.map((r, i) => [String(i + 1), r.reason]) },
        { kind: 'paragraph', text: 'Xin thông báo để ông/bà được biết và thực hiện.' },
      ]);
    }
    return counterForm('02', 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ', [
      { kind: 'fields', fields: applicantFields },
      { kind: 'paragraph', text: 'Hồ sơ của ông/bà chưa đầy đủ. Đề nghị bổ sung, hoàn thiện các giấy tờ sau:' },
      {
        kind: 'table',
        columns: [{ header: 'STT', width: 1, align: 'center' }, { header: 'Tên giấy tờ', width: 8 }, { header: 'Hình thức', width: 3 }, { header: 'Số lượng', width: 2, align: 'center' }],
        rows: check.missingDocuments.map((d, i) => [String(i + 1), d.name, FORM_NAMES[d.form] ?? d.form, String(d.quantity)]),
      },
      { kind: 'paragraph', text: 'Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, ông/bà liên hệ với bộ phận tiếp nhận để được hướng dẫn.' },
    ]);
  }
}

/** Form 01's printable data from its JSON view. */
export function receiptFormData(receipt: ReceiptView, issuer: FormAgency): ReceiptFormData {
  return {
    dossierCode: receipt.dossierCode,
    lookupSecret: receipt.lookupSecret,
    agency: issuer,
    procedure: receipt.procedure,
    applicant: {
      name: receipt.applicant.name,
      idLabel: receipt.applicant.kind === 'person' ? 'Số định danh cá nhân' : 'Mã số thuế',
      idNumber: receipt.applicant.idNumber,
      address: address(receipt.applicant.address),
      phone: receipt.applicant.phone,
      email: receipt.applicant.email ?? null,
    },
    channel: receipt.channel,
    channelText: receipt.channelText,
    documents: receipt.documents,
    statutoryTimeText: receipt.statutoryTime.text,
    receivedAt: receipt.receivedAt,
    appointmentAt: receipt.appointmentAt,
    resultDeliveryMethod: receipt.resultDelivery.method as ReceiptFormData['resultDeliveryMethod'],
    resultDeliveryText: receipt.resultDeliveryText,
    receivedByName: receipt.receivedByName,
    feesText: receipt.feesText,
    trackingNumber: receipt.trackingNumber,
  };
}
