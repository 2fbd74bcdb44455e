import type { ControlSheetFormEntry, FormAgency } from '@onestop/domain';
import type { FormField, FormFieldsBlock, FormSignature, PrintableForm } from './printable-form.js';

/**
 * The official forms of the one-stop procedure (Circular 01/2018/TT-VPCP, replaced by
 * 03/2025/TT-VPCP with the same content), built from plain data as PrintableForms, so that every
 * service that prints one (intake's `/dossiers/{code}/forms/{form}` and receipt, workflow's
 * control sheet) prints the same form the same way:
 * 01 receipt and appointment, 02 supplement request, 03 refusal, 04 apology and new date,
 * 05 notice to stop processing, 06 process control sheet.
 *
 * Instants are RFC 3339 strings in Vietnam time (`2026-03-16T10:00:00+07:00`, as `formatLocal`
 * writes them) and are printed the way administrative documents write them.
 */

// An agency as the header of a form names it, and a hand-over of form 06: the data workflow gives for its forms.
export type { ControlSheetFormEntry, FormAgency };

/** A date of Decree 30/2020: the day with two digits below 10, the month too for January and February. */
function dateParts(iso: string): { day: string; month: string; year: string; hour: string; minute: string } {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(iso);
  if (!match) throw new Error(`Not a local date and time: ${iso}`);
  const [, year, month, day, hour, minute] = match;
  const monthNumber = Number(month);
  return { day, month: monthNumber <= 2 ? month : String(monthNumber), year, hour, minute };
}

/** "ngày 16 tháng 3 năm 2026" (Decree 30/2020: "ngày 05 tháng 02 năm 2026"). */
export function vietnameseDate(iso: string): string {
  const { day, month, year } = dateParts(iso);
  return `ngày ${day} tháng ${month} năm ${year}`;
}

/** "10 giờ 00 phút, ngày 16 tháng 3 năm 2026", as the forms write an instant (Vietnam time). */
export function vietnameseDateTime(iso: string): string {
  const { hour, minute } = dateParts(iso);
  return `${hour} giờ ${minute} phút, ${vietnameseDate(iso)}`;
}

/** "Hà Nam, ngày 16 tháng 3 năm 2026", or "Ngày 16 tháng 3 năm 2026" without a place. */
export function placeAndDate(place: string | null, iso: string): string {
  const date = vietnameseDate(iso);
  return place ? `${place}, ${date}` : date.charAt(0).toLocaleUpperCase('vi-VN') + date.slice(1);
}

/** "135.000 đồng": whole VND with the dot separating thousands. */
export function vietnameseMoney(amountVnd: number): string {
  return `${String(Math.trunc(amountVnd)).replace(/\B(?=(\d{3})+(?!\d))/g, '.')} đồng`;
}

/**
 * The province named by an agency's tree ('UBND tỉnh Hà Nam', 'Trung tâm Phục vụ hành chính
 * công tỉnh Hà Nam'), for the place before the date; null when none names one.
 */
export function placeOfAgencies(names: ReadonlyArray<string | null | undefined>): string | null {
  for (const name of names) {
    const match = name ? /(?:^|\s)(?:tỉnh|thành phố|TP\.?)\s+(\S.*)$/iu.exec(name.normalize('NFC')) : null;
    if (match) return match[1].trim();
  }
  return null;
}

/** The issuer lines of the header: the superior authority in regular capitals, the unit in bold. */
function issuerOf(agency: FormAgency): Pick<PrintableForm, 'issuer' | 'issuerLines'> {
  return agency.parentName ? { issuer: agency.parentName, issuerLines: [agency.name] } : { issuer: agency.name };
}

/** The head of a form about one dossier: its number, the issuing unit, the dossier's code, the place and date it is issued, its title. */
function dossierFormHead(formNumber: string, agency: FormAgency, dossierCode: string, issuedAt: string, title: string): Pick<PrintableForm, 'formNumber' | 'issuer' | 'issuerLines' | 'reference' | 'placeAndDate' | 'title'> {
  return { formNumber, ...issuerOf(agency), reference: `Mã hồ sơ: ${dossierCode}`, placeAndDate: placeAndDate(agency.place, issuedAt), title };
}

/** The addressee of a letter to the applicant: "Kính gửi" and their address. */
function addresseeFields(applicant: FormApplicant): FormFieldsBlock {
  return { kind: 'fields', fields: [{ label: 'Kính gửi', value: applicant.name }, { label: 'Địa chỉ', value: applicant.address }] };
}

const SIGN_NOTE = '(Ký và ghi rõ họ tên)';

function signature(role: string, name: string | null | undefined, note = SIGN_NOTE): FormSignature {
  return { role, note, ...(name ? { name } : {}) };
}

/** A procedure's name inside a sentence: 'Cấp giấy phép lái xe' → 'cấp giấy phép lái xe' (an acronym such as 'GPLX' is kept). */
function inSentence(name: string): string {
  const [first, second] = Array.from(name);
  return second !== undefined && second === second.toLocaleLowerCase('vi-VN') ? first.toLocaleLowerCase('vi-VN') + name.slice(first.length) : name;
}

/** The applicant as the forms address them. */
export interface FormApplicant {
  name: string;
  /** One line: 'Số 12 đường Trần Phú, Phường Hai Bà Trưng, Hà Nam'. */
  address: string;
  phone: string;
  email?: string | null;
}

function applicantFields(applicant: FormApplicant, label = 'Hồ sơ của'): FormField[] {
  return [
    { label, value: applicant.name },
    { label: 'Địa chỉ', value: applicant.address },
    { label: 'Số điện thoại', value: applicant.phone },
    ...(applicant.email ? [{ label: 'Thư điện tử', value: applicant.email }] : []),
  ];
}

const DOCUMENT_FORM_NAMES: Record<string, string> = { original: 'Bản chính', certified_copy: 'Bản sao chứng thực', copy: 'Bản sao' };

export function documentFormName(form: string): string {
  return DOCUMENT_FORM_NAMES[form] ?? form;
}

// ---------------------------------------------------------------------------------------------
// 01 Receipt and appointment (giấy tiếp nhận hồ sơ và hẹn trả kết quả)

export interface ReceiptFormData {
  dossierCode: string;
  lookupSecret: string;
  agency: FormAgency;
  procedure: { code: string; name: string };
  applicant: FormApplicant & { idLabel: string; idNumber: string };
  channel: 'counter' | 'online' | 'post';
  /** How it was submitted, in words ('Trực tiếp tại Bộ phận Một cửa'). */
  channelText: string;
  documents: Array<{ name: string; form: string; quantity: number }>;
  statutoryTimeText: string;
  receivedAt: string;
  appointmentAt: string;
  resultDeliveryMethod: 'counter' | 'online' | 'post';
  resultDeliveryText: string;
  /** The officer who received it; null when nobody did in person (online, the national portal) or unknown. */
  receivedByName: string | null;
  /** The fees and charges line, or null when the catalog could not say. */
  feesText: string | null;
  /** The post's tracking number of the dossier's envelope (dossiers sent by post). */
  trackingNumber: string | null;
}

/**
 * Form 01. Only a dossier handed over at the counter is signed by the applicant and the officer
 * there; an online or post receipt is sent to the applicant, so it asks for no signature, and
 * says "bring this paper" only when the result is collected at the counter.
 */
export function receiptForm(receipt: ReceiptFormData): PrintableForm {
  const atCounter = receipt.channel === 'counter';
  const collect = receipt.resultDeliveryMethod === 'counter';
  const closing = [
    `Tra cứu tình trạng hồ sơ trên Cổng dịch vụ công của tỉnh bằng mã hồ sơ ${receipt.dossierCode} và mã tra cứu ${receipt.lookupSecret}.`,
    collect ? 'Khi đến nhận kết quả, ông/bà mang theo giấy này.' : '',
    atCounter ? '' : `Giấy tiếp nhận được gửi cho ông/bà ${receipt.channel === 'online' ? 'qua Cổng dịch vụ công' : 'kèm theo phiếu gửi của bưu điện'}; không cần ký.`,
  ].filter(Boolean);
  return {
    ...dossierFormHead('01', receipt.agency, receipt.dossierCode, receipt.receivedAt, 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả'),
    body: [
      {
        kind: 'fields',
        fields: [
          { label: 'Tiếp nhận hồ sơ của', value: receipt.applicant.name },
          { label: receipt.applicant.idLabel, value: receipt.applicant.idNumber },
          { label: 'Địa chỉ', value: receipt.applicant.address },
          { label: 'Số điện thoại', value: receipt.applicant.phone },
          ...(receipt.applicant.email ? [{ label: 'Thư điện tử', value: receipt.applicant.email }] : []),
          { label: 'Nội dung yêu cầu giải quyết', value: `${receipt.procedure.name} (mã thủ tục ${receipt.procedure.code})` },
          { label: 'Hình thức nộp hồ sơ', value: receipt.channelText },
          ...(receipt.trackingNumber ? [{ label: 'Số hiệu bưu gửi (mã vận đơn)', value: receipt.trackingNumber }] : []),
        ],
      },
      {
        kind: 'table',
        caption: '1. Thành phần hồ sơ nộp gồm:',
        columns: [{ header: 'STT', width: 1, align: 'center' }, { header: 'Tên giấy tờ', width: 8 }, { header: 'Hình thức', width: 3 }, { header: 'Số lượng', width: 2, align: 'center' }],
        rows: receipt.documents.map((d, i) => [String(i + 1), d.name, documentFormName(d.form), String(d.quantity)]),
      },
      {
        kind: 'fields',
        fields: [
          { label: '2. Thời gian giải quyết hồ sơ theo quy định', value: receipt.statutoryTimeText },
          { label: '3. Thời gian nhận hồ sơ', value: vietnameseDateTime(receipt.receivedAt) },
          { label: '4. Thời gian trả kết quả', value: vietnameseDateTime(receipt.appointmentAt) },
          { label: '5. Đăng ký nhận kết quả tại', value: receipt.resultDeliveryText },
          ...(receipt.feesText !== null ? [{ label: '6. Phí, lệ phí', value: receipt.feesText }] : []),
          { label: 'Mã tra cứu', value: receipt.lookupSecret },
          ...(receipt.receivedByName && !atCounter ? [{ label: 'Người tiếp nhận hồ sơ', value: receipt.receivedByName }] : []),
        ],
      },
      { kind: 'paragraph', text: closing.join('\n') },
    ],
    ...(atCounter ? { signatures: [signature('Người nộp hồ sơ', receipt.applicant.name), signature('Người tiếp nhận hồ sơ', receipt.receivedByName)] } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// 02 Supplement request, 03 refusal, 04 apology, 05 stop: the forms issued during processing

/** What forms 02 to 05 say of the dossier they are about. */
export interface ProcessingFormDossier {
  dossierCode: string;
  procedureName: string;
  receivedAt: string;
  /** The receiving agency's name, as form 04 says who received the dossier. */
  receivingAgencyName: string;
  applicant: FormApplicant;
}

export interface SupplementRequestFormData extends ProcessingFormDossier {
  /** The unit that asked. */
  agency: FormAgency;
  requestedAt: string;
  requestedByName: string | null;
  documents: Array<{ name: string; note?: string | null }>;
  note: string | null;
  /** Which request of the dossier this is (1-based) and how many there are, when more than one. */
  sequence: number;
  of: number;
}

/** Form 02: what the applicant must supply, signed by the officer who guides them. */
export function supplementRequestForm(form: SupplementRequestFormData): PrintableForm {
  return {
    ...dossierFormHead('02', form.agency, form.dossierCode, form.requestedAt, 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ'),
    ...(form.of > 1 ? { subtitle: `Lần ${form.sequence}/${form.of}` } : {}),
    body: [
      { kind: 'fields', fields: [...applicantFields(form.applicant), { label: 'Nội dung yêu cầu giải quyết', value: form.procedureName }, { label: 'Ngày tiếp nhận hồ sơ', value: vietnameseDateTime(form.receivedAt) }] },
      { kind: 'paragraph', text: 'Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:' },
      {
        kind: 'table',
        columns: [{ header: 'STT', width: 1, align: 'center' }, { header: 'Giấy tờ cần bổ sung, hoàn thiện', width: 7 }, { header: 'Ghi chú', width: 4 }],
        rows: form.documents.map((d, i) => [String(i + 1), d.name, d.note ?? '']),
      },
      ...(form.note ? [{ kind: 'fields' as const, fields: [{ label: 'Lý do', value: form.note }] }] : []),
      {
        kind: 'paragraph',
        text: `Thời gian giải quyết hồ sơ tạm dừng từ ${vietnameseDateTime(form.requestedAt)} cho đến khi nhận đủ hồ sơ bổ sung. Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, ông/bà liên hệ ${form.agency.name} để được hướng dẫn.`,
      },
    ],
    signatures: [signature('Người hướng dẫn', form.requestedByName)],
  };
}

export interface RefusalFormData extends ProcessingFormDossier {
  agency: FormAgency;
  refusedAt: string;
  refusedByName: string | null;
  reason: string;
}

/** Form 03: the dossier will not be dealt with, and why. */
export function refusalForm(form: RefusalFormData): PrintableForm {
  return {
    ...dossierFormHead('03', form.agency, form.dossierCode, form.refusedAt, 'Phiếu từ chối tiếp nhận giải quyết hồ sơ'),
    body: [
      { kind: 'fields', fields: [...applicantFields(form.applicant, 'Tiếp nhận hồ sơ của'), { label: 'Nội dung yêu cầu giải quyết', value: form.procedureName }] },
      { kind: 'paragraph', text: `Qua xem xét, ${form.agency.name} thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:` },
      { kind: 'paragraph', text: form.reason },
      { kind: 'paragraph', text: 'Xin thông báo cho ông/bà được biết và thực hiện./.' },
    ],
    signatures: [signature('Người tiếp nhận hồ sơ', form.refusedByName)],
  };
}

export interface ApologyFormData extends ProcessingFormDossier {
  /** The late unit, which apologises. */
  agency: FormAgency;
  issuedAt: string;
  issuedByName: string | null;
  reason: string;
  previousAppointmentAt: string;
  newAppointmentAt: string;
}

/** Form 04: the late unit apologises and gives the new date. */
export function apologyForm(form: ApologyFormData): PrintableForm {
  return {
    ...dossierFormHead('04', form.agency, form.dossierCode, form.issuedAt, 'Phiếu xin lỗi và hẹn lại ngày trả kết quả'),
    body: [
      addresseeFields(form.applicant),
      {
        kind: 'paragraph',
        text: [
          `Ngày ${vietnameseDate(form.receivedAt).slice('ngày '.length)}, ${form.receivingAgencyName} tiếp nhận hồ sơ đề nghị ${inSentence(form.procedureName)} của ông/bà, mã hồ sơ ${form.dossierCode}.`,
          `Thời gian hẹn trả kết quả giải quyết hồ sơ: ${vietnameseDateTime(form.previousAppointmentAt)}.`,
          `Tuy nhiên đến nay, ${form.agency.name} chưa trả kết quả giải quyết hồ sơ của ông/bà.`,
        ].join('\n'),
      },
      { kind: 'fields', fields: [{ label: 'Lý do', value: form.reason }] },
      {
        kind: 'paragraph',
        text: [
          `Sự chậm trễ này đã gây phiền hà, tốn kém cho ông/bà. ${form.agency.name} xin lỗi ông/bà và sẽ trả kết quả giải quyết hồ sơ cho ông/bà vào ${vietnameseDateTime(form.newAppointmentAt)}.`,
          'Mong nhận được sự thông cảm của ông/bà vì sự chậm trễ này./.',
        ].join('\n'),
      },
    ],
    signatures: [signature('Thủ trưởng cơ quan', form.issuedByName, '(Ký, ghi rõ họ tên và đóng dấu)')],
  };
}

export interface StopNoticeFormData extends ProcessingFormDossier {
  agency: FormAgency;
  stoppedAt: string;
  stoppedByName: string | null;
  reason: string;
}

/** Form 05: processing of the dossier is stopped, and why. */
export function stopNoticeForm(form: StopNoticeFormData): PrintableForm {
  return {
    ...dossierFormHead('05', form.agency, form.dossierCode, form.stoppedAt, 'Thông báo dừng giải quyết hồ sơ'),
    body: [
      addresseeFields(form.applicant),
      {
        kind: 'paragraph',
        text: `${form.agency.name} thông báo dừng giải quyết hồ sơ đề nghị ${inSentence(form.procedureName)} của ông/bà, mã hồ sơ ${form.dossierCode}, tiếp nhận lúc ${vietnameseDateTime(form.receivedAt)}, kể từ ${vietnameseDateTime(form.stoppedAt)}.`,
      },
      { kind: 'fields', fields: [{ label: 'Lý do', value: form.reason }] },
      { kind: 'paragraph', text: 'Xin thông báo để ông/bà được biết. Nếu có vướng mắc, ông/bà liên hệ bộ phận tiếp nhận và trả kết quả để được hướng dẫn./.' },
    ],
    signatures: [signature('Người có thẩm quyền', form.stoppedByName, '(Ký, ghi rõ họ tên và đóng dấu)')],
  };
}

// ---------------------------------------------------------------------------------------------
// 06 Process control sheet (phiếu kiểm soát quá trình giải quyết hồ sơ)

export interface ControlSheetFormData {
  dossierCode: string;
  procedureName: string;
  /** The receiving agency, whose one-stop desk keeps the sheet. */
  agency: FormAgency;
  /** The competent agency that decides, when known. */
  competentAgencyName: string | null;
  /** The applicant, who hands the dossier over at the first row; without it the row says "the applicant". */
  applicantName?: string | null;
  entries: ControlSheetFormEntry[];
}

/** Officers' subjects that are no person: the system itself, and the post bringing a result back. */
const NOT_PEOPLE: Record<string, string> = { system: '', postal: 'Bưu điện (bưu chính công ích)', applicant: '' };

/**
 * The giver's or the receiver's cell, as on the official form, where each side signs its
 * hand-over: the unit on top, room to sign, and the officer's name at the foot.
 */
function partyCell(unit: string | null, unitName: string | null, officer: string | null, officerName: string | null, nobody: string): string {
  const person = officer === null ? '' : officer in NOT_PEOPLE ? NOT_PEOPLE[officer] : (officerName ?? officer);
  const top = unitName ?? unit ?? (person ? '' : nobody);
  return `${top}\n\n${person}`;
}

/**
 * Form 06. Each row is one hand-over, with the giver and the receiver side by side (unit and
 * officer, by name) and a cell for each to sign in, as the official form has them sign each
 * hand-over.
 */
export function controlSheetForm(sheet: ControlSheetFormData): PrintableForm {
  const applicant = sheet.applicantName ?? '';
  const last = sheet.entries.at(-1);
  return {
    formNumber: '06',
    ...issuerOf(sheet.agency),
    reference: `Mã hồ sơ: ${sheet.dossierCode}`,
    ...(last ? { placeAndDate: placeAndDate(sheet.agency.place, last.at) } : {}),
    title: 'Phiếu kiểm soát quá trình giải quyết hồ sơ',
    body: [
      {
        kind: 'fields',
        fields: [
          { label: 'Thủ tục', value: sheet.procedureName },
          { label: 'Cơ quan, bộ phận tiếp nhận hồ sơ', value: sheet.agency.name },
          ...(sheet.competentAgencyName ? [{ label: 'Cơ quan giải quyết hồ sơ', value: sheet.competentAgencyName }] : []),
        ],
      },
      {
        kind: 'table',
        columns: [
          { header: 'STT', width: 1, align: 'center' },
          { header: 'Bên giao (ký, ghi rõ họ tên)', width: 5, signature: true },
          { header: 'Bên nhận (ký, ghi rõ họ tên)', width: 5, signature: true },
          { header: 'Thời gian giao, nhận', width: 3.6 },
          { header: 'Kết quả giải quyết', width: 5 },
        ],
        rows: sheet.entries.map((entry, index) => [
          String(index + 1),
          entry.action === 'receive' && entry.fromUnit === null && entry.fromOfficer === null
            ? `Người nộp hồ sơ\n\n${applicant}`
            : partyCell(entry.fromUnit, entry.fromUnitName, entry.fromOfficer, entry.fromOfficerName, '—'),
          partyCell(entry.toUnit, entry.toUnitName, entry.toOfficer, entry.toOfficerName, '—'),
          vietnameseDateTime(entry.at).replace(' phút', ''),
          entry.note ? `${entry.result}\nGhi chú: ${entry.note}` : entry.result,
        ]),
      },
    ],
  };
}

/** An electronic receipt of fees and charges (biên lai thu phí, lệ phí điện tử), as payment prints it. */
export interface FeeReceiptFormData {
  agency: FormAgency;
  /** The receipt's number in its agency's series of the year. */
  number: string;
  dossierCode: string;
  procedureName: string;
  payerName: string;
  /** ISO 8601 with offset (Vietnam time). */
  issuedAt: string;
  /** E.g. "Trực tuyến qua Nền tảng thanh toán quốc gia (mã giao dịch …)". */
  paidBy: string;
  lines: Array<{ kindWords: string; name: string; amountVnd: number }>;
  amountVnd: number;
  lookupHint: string;
  /** Set once the receipt is voided: printed in the title and the footnote, never hidden. */
  voided: { at: string; reason: string } | null;
  /** The duplicate payment of this bill refunded automatically, or an officer's refund, in words. */
  refunded: string | null;
}

/** The receipt of one payment: who paid what for which dossier, how, and whether it was voided or refunded. */
export function feeReceiptForm(receipt: FeeReceiptFormData): PrintableForm {
  return {
    formNumber: 'BLĐT',
    ...issuerOf(receipt.agency),
    reference: `Số: ${receipt.number}`,
    placeAndDate: placeAndDate(receipt.agency.place, receipt.issuedAt),
    title: receipt.voided ? 'Biên lai thu phí, lệ phí (đã hủy)' : 'Biên lai thu phí, lệ phí',
    subtitle: '(Biên lai điện tử)',
    body: [
      {
        kind: 'fields',
        fields: [
          { label: 'Họ tên người nộp', value: receipt.payerName },
          { label: 'Mã hồ sơ', value: receipt.dossierCode },
          { label: 'Thủ tục hành chính', value: receipt.procedureName },
          { label: 'Hình thức thanh toán', value: receipt.paidBy },
          { label: 'Thời gian thu', value: vietnameseDateTime(receipt.issuedAt) },
        ],
      },
      {
        kind: 'table',
        columns: [
          { header: 'STT', width: 1, align: 'center' },
          { header: 'Loại', width: 2 },
          { header: 'Nội dung khoản thu', width: 7 },
          { header: 'Số tiền', width: 3, align: 'right' },
        ],
        rows: [
          ...receipt.lines.map((line, i) => [String(i + 1), line.kindWords, line.name, vietnameseMoney(line.amountVnd)]),
          ['', '', 'Tổng cộng', vietnameseMoney(receipt.amountVnd)],
        ],
      },
      ...(receipt.voided ? [{ kind: 'paragraph' as const, text: `Biên lai đã bị hủy lúc ${vietnameseDateTime(receipt.voided.at)}. Lý do: ${receipt.voided.reason}` }] : []),
      ...(receipt.refunded ? [{ kind: 'paragraph' as const, text: receipt.refunded }] : []),
    ],
    signatures: [signature('Người thu tiền', null, '(Biên lai điện tử, không cần ký)')],
    footnote: receipt.lookupHint,
  };
}
