import { formatLocal } from '@onestop/domain';
import { placeAndDate, type PrintableForm } from '@onestop/platform';

/** What a result rendered from the template says. */
export interface ResultTemplateData {
  agencyName: string;
  dossierCode: string;
  procedureName: string;
  documentNumber: string;
  summary: string | null;
  signerTitle: string;
  issuedAt: Date;
}

/**
 * The template for simple results (a notice that the procedure was settled, a confirmation):
 * the agency's header, the number, the procedure and dossier, what was decided, and the signer's
 * title with "(đã ký số)" where a hand signature would be, the digital signature's stamp and QR
 * code being added when it is signed. Results with their own layout (a licence, a certificate)
 * are attached as the PDF the agency drew up.
 */
export function resultTemplate(data: ResultTemplateData): PrintableForm {
  return {
    formNumber: 'KQ',
    issuer: data.agencyName,
    reference: `Số: ${data.documentNumber}`,
    placeAndDate: placeAndDate(null, formatLocal(data.issuedAt)),
    title: 'Kết quả giải quyết thủ tục hành chính',
    body: [
      {
        kind: 'fields',
        fields: [
          { label: 'Thủ tục', value: data.procedureName },
          { label: 'Mã hồ sơ', value: data.dossierCode },
          { label: 'Số, ký hiệu văn bản', value: data.documentNumber },
        ],
      },
      ...(data.summary ? [{ kind: 'paragraph' as const, text: data.summary }] : []),
      {
        kind: 'paragraph',
        text: 'Văn bản điện tử này được ký số bởi cơ quan có thẩm quyền và có giá trị pháp lý như bản giấy (Nghị định số 45/2020/NĐ-CP). Quét mã QR hoặc nhập mã xác thực tại trang tra cứu để kiểm tra tính xác thực.',
      },
    ],
    signatures: [{ role: data.signerTitle, note: '(Đã ký số)' }],
  };
}
