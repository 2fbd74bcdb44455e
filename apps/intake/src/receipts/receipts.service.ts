import { Injectable } from '@nestjs/common';
import { formatLocal, MINUTES_PER_WORKING_DAY } from '@onestop/domain';
import { type PrintableForm, renderFormPdf } from '@onestop/platform';
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

/** "lúc 10 giờ 00 phút, ngày 16 tháng 3 năm 2026" as forms write instants (Vietnam time). */
export function vietnameseDateTime(iso: string): string {
  const [date, time] = iso.split('T');
  const [year, month, day] = date.split('-').map(Number);
  return `${time.slice(0, 2)} giờ ${time.slice(3, 5)} phút, ngày ${String(day).padStart(2, '0')} tháng ${String(month).padStart(2, '0')} năm ${year}`;
}

function address(a: { detail: string; commune: string; province: string }): string {
  return `${a.detail}, ${a.commune}, ${a.province}`;
}

/** Form 01 as data and as a printable PDF. */
@Injectable()
export class ReceiptsService {
  receipt(dossier: Dossier): ReceiptView {
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
    };
  }

  async receiptPdf(dossier: Dossier): Promise<Buffer> {
    const receipt = this.receipt(dossier);
    const form: PrintableForm = {
      formNumber: '01',
      issuer: receipt.agency.name,
      reference: `Mã hồ sơ: ${receipt.dossierCode}`,
      placeAndDate: `Ngày ${vietnameseDateTime(receipt.receivedAt).split('ngày ')[1]}`,
      title: receipt.title,
      body: [
        {
          kind: 'fields',
          fields: [
            { label: 'Tiếp nhận hồ sơ của', value: receipt.applicant.name },
            { label: receipt.applicant.kind === 'person' ? 'Số định danh cá nhân' : 'Mã số thuế', value: receipt.applicant.idNumber },
            { label: 'Địa chỉ', value: address(receipt.applicant.address) },
            { label: 'Số điện thoại', value: receipt.applicant.phone },
            { label: 'Thủ tục', value: `${receipt.procedure.name} (${receipt.procedure.code})` },
          ],
        },
        {
          kind: 'table',
          caption: 'Thành phần hồ sơ đã nhận',
          columns: [{ header: 'STT', width: 1, align: 'center' }, { header: 'Tên giấy tờ', width: 8 }, { header: 'Hình thức', width: 3 }, { header: 'Số lượng', width: 2, align: 'center' }],
          rows: receipt.documents.map((d, i) => [String(i + 1), d.name, FORM_NAMES[d.form] ?? d.form, String(d.quantity)]),
        },
        {
          kind: 'fields',
          fields: [
            { label: 'Thời hạn giải quyết', value: receipt.statutoryTime.text },
            { label: 'Thời gian nhận hồ sơ', value: vietnameseDateTime(receipt.receivedAt) },
            { label: 'Thời gian trả kết quả', value: vietnameseDateTime(receipt.appointmentAt) },
            { label: 'Nơi trả kết quả', value: receipt.resultDeliveryText },
            { label: 'Mã tra cứu', value: receipt.lookupSecret },
          ],
        },
        { kind: 'paragraph', text: 'Tra cứu tình trạng hồ sơ bằng mã hồ sơ và mã tra cứu trên Cổng dịch vụ công của tỉnh. Khi đến nhận kết quả, mang theo giấy này.' },
      ],
      signatures: [
        { role: 'Người nộp hồ sơ', note: '(Ký và ghi rõ họ tên)', name: receipt.applicant.name },
        { role: 'Người tiếp nhận hồ sơ', note: '(Ký và ghi rõ họ tên)' },
      ],
    };
    return renderFormPdf(form);
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
    const signatures = [{ role: 'Người tiếp nhận hồ sơ', note: '(Ký và ghi rõ họ tên)' }];
    const placeAndDate = `Ngày ${vietnameseDateTime(check.checkedAt).split('ngày ')[1]}`;
    if (check.form === '03') {
      return renderFormPdf({
        formNumber: '03',
        issuer: check.agency.name,
        placeAndDate,
        title: 'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ',
        body: [
          { kind: 'fields', fields: applicantFields },
          { kind: 'paragraph', text: 'Cơ quan, đơn vị không tiếp nhận giải quyết hồ sơ này vì các lý do sau:' },
          { kind: 'table', columns: [{ header: 'STT', width: 1, align: 'center' }, { header: 'Lý do', width: 11 }], rows: check.refusals.map((r, i) => [String(i + 1), r.reason]) },
          { kind: 'paragraph', text: 'Xin thông báo để ông/bà được biết và thực hiện.' },
        ],
        signatures,
      });
    }
    return renderFormPdf({
      formNumber: '02',
      issuer: check.agency.name,
      placeAndDate,
      title: 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ',
      body: [
        { kind: 'fields', fields: applicantFields },
        { kind: 'paragraph', text: 'Hồ sơ của ông/bà chưa đầy đủ. Đề nghị bổ sung, hoàn thiện các giấy tờ sau:' },
        {
          kind: 'table',
          columns: [{ header: 'STT', width: 1, align: 'center' }, { header: 'Tên giấy tờ', width: 8 }, { header: 'Hình thức', width: 3 }, { header: 'Số lượng', width: 2, align: 'center' }],
          rows: check.missingDocuments.map((d, i) => [String(i + 1), d.name, FORM_NAMES[d.form] ?? d.form, String(d.quantity)]),
        },
        { kind: 'paragraph', text: 'Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, ông/bà liên hệ với bộ phận tiếp nhận để được hướng dẫn.' },
      ],
      signatures,
    });
  }
}
