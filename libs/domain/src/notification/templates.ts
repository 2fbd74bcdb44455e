import { smsSegments, type SmsSegments, withoutDiacritics } from './sms-segments.js';

/** How applicants are told (tin nhắn thương hiệu, thư điện tử, tin Zalo ZNS); officers get in-app notices. */
export const APPLICANT_CHANNELS = ['sms', 'email', 'zalo'] as const;
export type ApplicantChannel = (typeof APPLICANT_CHANNELS)[number];
export const TEMPLATE_CHANNELS = [...APPLICANT_CHANNELS, 'in_app'] as const;
export type TemplateChannel = (typeof TEMPLATE_CHANNELS)[number];

/** What applicants are told. */
export const APPLICANT_MESSAGE_KINDS = [
  'dossier_received',
  'supplement_requested',
  'payment_requested',
  'apology_issued',
  'result_ready',
  'result_sent_by_post',
  'result_delivered',
  'dossier_refused',
  'dossier_stopped',
  'complaint_answered',
] as const;
export type ApplicantMessageKind = (typeof APPLICANT_MESSAGE_KINDS)[number];

/** What officers are told in the app. */
export const OFFICER_NOTICE_KINDS = ['case_assigned', 'case_arrived', 'supplement_received', 'payment_received', 'case_at_risk', 'case_overdue', 'case_step_overdue'] as const;
export type OfficerNoticeKind = (typeof OFFICER_NOTICE_KINDS)[number];

export const NOTIFICATION_KINDS = [...APPLICANT_MESSAGE_KINDS, ...OFFICER_NOTICE_KINDS] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * What the law requires the applicant be told, in writing, whatever they chose (Decree 61/2018
 * art. 15-19 and Decree 107/2021: the supplement request, the refusal, the apology and new date,
 * the stop): these go by SMS even when the applicant turned SMS off.
 */
export const REQUIRED_KINDS: readonly ApplicantMessageKind[] = ['supplement_requested', 'apology_issued', 'dossier_refused', 'dossier_stopped'];

/** A placeholder a template may use: what it holds, and a value of typical length for counting SMS segments. */
export interface Placeholder {
  description: string;
  sample: string;
}

const APPLICANT_COMMON: Record<string, Placeholder> = {
  applicantName: { description: 'Tên người nộp (the applicant\'s name)', sample: 'Nguyễn Văn An' },
  dossierCode: { description: 'Mã hồ sơ', sample: '000.00.01.H56-260316-0001' },
  procedureName: { description: 'Tên thủ tục', sample: 'Cấp đổi giấy phép lái xe' },
  agencyName: { description: 'Cơ quan tiếp nhận', sample: 'Trung tâm Phục vụ hành chính công tỉnh' },
};
const OFFICER_COMMON: Record<string, Placeholder> = {
  dossierCode: { description: 'Mã hồ sơ', sample: '000.00.01.H56-260316-0001' },
  unitName: { description: 'Đơn vị đang xử lý', sample: 'Sở Tư pháp' },
};

export const PLACEHOLDERS: Readonly<Record<NotificationKind, Record<string, Placeholder>>> = {
  dossier_received: {
    ...APPLICANT_COMMON,
    lookupCode: { description: 'Mã tra cứu trên giấy tiếp nhận', sample: 'Q7MK3XHP9T2D' },
    appointmentAt: { description: 'Ngày hẹn trả kết quả', sample: '10:00 16/03/2026' },
  },
  supplement_requested: { ...APPLICANT_COMMON, missingItems: { description: 'Giấy tờ cần bổ sung', sample: 'Bản sao CCCD; Giấy khám sức khỏe' } },
  payment_requested: {
    ...APPLICANT_COMMON,
    amount: { description: 'Số tiền phải nộp (đồng)', sample: '135.000' },
    howToPay: { description: 'Cách nộp', sample: 'trực tuyến qua Cổng thanh toán quốc gia hoặc tại quầy' },
    expiresAt: { description: 'Hạn nộp', sample: '17:00 20/03/2026' },
  },
  apology_issued: { ...APPLICANT_COMMON, newAppointmentAt: { description: 'Ngày hẹn trả mới', sample: '10:00 23/03/2026' } },
  result_ready: {
    ...APPLICANT_COMMON,
    documentNumber: { description: 'Số văn bản kết quả', sample: '123/GP-STP' },
    howToCollect: { description: 'Nơi và cách nhận kết quả', sample: 'tại Bộ phận một cửa' },
    downloadLink: { description: 'Đường dẫn tải kết quả điện tử (trống khi không có)', sample: 'https://dichvucong.example.vn/kq/ABC123' },
  },
  result_sent_by_post: { ...APPLICANT_COMMON, trackingNumber: { description: 'Số hiệu bưu gửi', sample: 'EV123456789VN' } },
  result_delivered: { ...APPLICANT_COMMON, trackingNumber: { description: 'Số hiệu bưu gửi', sample: 'EV123456789VN' } },
  dossier_refused: { ...APPLICANT_COMMON, reason: { description: 'Lý do', sample: 'Hồ sơ không thuộc thẩm quyền giải quyết' } },
  dossier_stopped: { ...APPLICANT_COMMON, reason: { description: 'Lý do', sample: 'Người nộp không bổ sung hồ sơ đúng hạn' } },
  complaint_answered: {
    applicantName: APPLICANT_COMMON.applicantName,
    dossierCode: { description: 'Mã hồ sơ (trống khi phản ánh không gắn hồ sơ)', sample: '000.00.01.H56-260316-0001' },
    complaintSubject: { description: 'Nội dung phản ánh', sample: 'Hồ sơ quá hạn' },
  },
  case_assigned: { ...OFFICER_COMMON, content: { description: 'Bước xử lý', sample: 'Phân công thụ lý' } },
  case_arrived: { ...OFFICER_COMMON, content: { description: 'Bước xử lý', sample: 'Chuyển thẩm định' } },
  supplement_received: { ...OFFICER_COMMON, complete: { description: 'Đã đủ hay còn thiếu', sample: 'đã bổ sung đủ' } },
  payment_received: { ...OFFICER_COMMON, amount: { description: 'Số tiền đã nộp (đồng)', sample: '135.000' } },
  case_at_risk: { ...OFFICER_COMMON, dueAt: { description: 'Hạn giải quyết', sample: '10:00 16/03/2026' } },
  case_overdue: { ...OFFICER_COMMON, dueAt: { description: 'Hạn giải quyết đã qua', sample: '10:00 16/03/2026' } },
  case_step_overdue: { ...OFFICER_COMMON, dueAt: { description: 'Hạn của bước đang xử lý', sample: '10:00 16/03/2026' } },
};

/** A template: the words of one kind on one channel (`subject` for email and in-app titles; `providerTemplateId` the Zalo ZNS template registered with Zalo). */
export interface MessageTemplate {
  subject: string | null;
  body: string;
  providerTemplateId: string | null;
}

interface ApplicantWords {
  /** Without diacritics, so two segments of GSM-7 hold it. */
  sms: string;
  subject: string;
  text: string;
}

const APPLICANT_WORDS: Record<ApplicantMessageKind, ApplicantWords> = {
  dossier_received: {
    sms: 'Ho so {{dossierCode}} da duoc tiep nhan. Ma tra cuu: {{lookupCode}}. Hen tra ket qua: {{appointmentAt}}.',
    subject: 'Hồ sơ {{dossierCode}} đã được tiếp nhận',
    text: 'Hồ sơ {{dossierCode}} ({{procedureName}}) đã được {{agencyName}} tiếp nhận. Mã tra cứu: {{lookupCode}}. Ngày hẹn trả kết quả: {{appointmentAt}}.',
  },
  supplement_requested: {
    sms: 'Ho so {{dossierCode}} can bo sung: {{missingItems}}. Xem phieu yeu cau bo sung tai Cong dich vu cong.',
    subject: 'Hồ sơ {{dossierCode}} cần bổ sung',
    text: 'Hồ sơ {{dossierCode}} ({{procedureName}}) cần bổ sung, hoàn thiện: {{missingItems}}. Thời gian chờ bổ sung không tính vào thời hạn giải quyết.',
  },
  payment_requested: {
    sms: 'Ho so {{dossierCode}}: vui long nop {{amount}} dong, {{howToPay}}. Han nop: {{expiresAt}}.',
    subject: 'Hồ sơ {{dossierCode}}: thông báo nộp phí, lệ phí',
    text: 'Hồ sơ {{dossierCode}} ({{procedureName}}) cần nộp phí, lệ phí {{amount}} đồng, {{howToPay}}. Hạn nộp: {{expiresAt}}.',
  },
  apology_issued: {
    sms: '{{agencyName}} xin loi vi ho so {{dossierCode}} cham tra ket qua. Hen tra moi: {{newAppointmentAt}}.',
    subject: 'Thư xin lỗi và hẹn lại ngày trả kết quả hồ sơ {{dossierCode}}',
    text: '{{agencyName}} xin lỗi vì hồ sơ {{dossierCode}} ({{procedureName}}) chưa có kết quả đúng hẹn. Ngày hẹn trả kết quả mới: {{newAppointmentAt}}.',
  },
  result_ready: {
    sms: 'Ho so {{dossierCode}} da co ket qua ({{documentNumber}}). Nhan ket qua {{howToCollect}}. {{downloadLink}}',
    subject: 'Hồ sơ {{dossierCode}} đã có kết quả',
    text: 'Hồ sơ {{dossierCode}} ({{procedureName}}) đã có kết quả: {{documentNumber}}. Mời Ông/Bà nhận kết quả {{howToCollect}}. {{downloadLink}}',
  },
  result_sent_by_post: {
    sms: 'Ket qua ho so {{dossierCode}} da gui qua buu chinh, so hieu {{trackingNumber}}.',
    subject: 'Kết quả hồ sơ {{dossierCode}} đã gửi qua bưu chính',
    text: 'Kết quả hồ sơ {{dossierCode}} ({{procedureName}}) đã được gửi qua dịch vụ bưu chính công ích, số hiệu bưu gửi {{trackingNumber}}.',
  },
  result_delivered: {
    sms: 'Ket qua ho so {{dossierCode}} (buu gui {{trackingNumber}}) da duoc phat thanh cong.',
    subject: 'Kết quả hồ sơ {{dossierCode}} đã được phát',
    text: 'Kết quả hồ sơ {{dossierCode}} ({{procedureName}}), bưu gửi {{trackingNumber}}, đã được phát thành công.',
  },
  dossier_refused: {
    sms: 'Ho so {{dossierCode}} khong duoc giai quyet. Ly do: {{reason}}',
    subject: 'Hồ sơ {{dossierCode}} không được giải quyết',
    text: 'Hồ sơ {{dossierCode}} ({{procedureName}}) không được tiếp nhận, giải quyết. Lý do: {{reason}}',
  },
  dossier_stopped: {
    sms: 'Ho so {{dossierCode}} da dung xu ly. Ly do: {{reason}}',
    subject: 'Hồ sơ {{dossierCode}} đã dừng xử lý',
    text: 'Hồ sơ {{dossierCode}} ({{procedureName}}) đã dừng xử lý. Lý do: {{reason}}',
  },
  complaint_answered: {
    sms: 'Phan anh, kien nghi cua Ong/Ba ve "{{complaintSubject}}" da duoc tra loi. Xem tai Cong dich vu cong.',
    subject: 'Phản ánh, kiến nghị của Ông/Bà đã được trả lời',
    text: 'Phản ánh, kiến nghị về "{{complaintSubject}}" đã được trả lời. Mời Ông/Bà xem nội dung trả lời trên Cổng dịch vụ công bằng mã tra cứu đã được cấp.',
  },
};

const OFFICER_WORDS: Record<OfficerNoticeKind, { title: string; body: string }> = {
  case_assigned: { title: 'Hồ sơ {{dossierCode}} được giao cho bạn', body: '{{content}}: hồ sơ {{dossierCode}} tại {{unitName}}.' },
  case_arrived: { title: 'Hồ sơ {{dossierCode}} chuyển đến đơn vị', body: '{{content}}: hồ sơ {{dossierCode}} đang ở {{unitName}}.' },
  supplement_received: { title: 'Hồ sơ {{dossierCode}} đã được bổ sung', body: 'Người nộp {{complete}} hồ sơ {{dossierCode}}.' },
  payment_received: { title: 'Hồ sơ {{dossierCode}} đã nộp phí', body: 'Người nộp đã nộp {{amount}} đồng cho hồ sơ {{dossierCode}}.' },
  case_at_risk: { title: 'Hồ sơ {{dossierCode}} sắp đến hạn', body: 'Hồ sơ {{dossierCode}} tại {{unitName}} sắp đến hạn giải quyết ({{dueAt}}).' },
  case_overdue: { title: 'Hồ sơ {{dossierCode}} đã quá hạn', body: 'Hồ sơ {{dossierCode}} tại {{unitName}} đã quá hạn giải quyết ({{dueAt}}).' },
  case_step_overdue: { title: 'Hồ sơ {{dossierCode}} quá hạn ở bước đang xử lý', body: 'Bước đang xử lý hồ sơ {{dossierCode}} tại {{unitName}} đã quá thời hạn của bước ({{dueAt}}).' },
};

const EMAIL_GREETING = 'Kính gửi Ông/Bà {{applicantName}},\n\n';
const EMAIL_FOOTER = '\n\nĐây là thư tự động của hệ thống một cửa điện tử; xin đừng trả lời thư này.';

export function isApplicantMessageKind(kind: string): kind is ApplicantMessageKind {
  return (APPLICANT_MESSAGE_KINDS as readonly string[]).includes(kind);
}

/** The channels a kind has templates on. */
export function channelsOf(kind: NotificationKind): readonly TemplateChannel[] {
  return isApplicantMessageKind(kind) ? APPLICANT_CHANNELS : ['in_app'];
}

/** The template the system starts with, until an administrator edits it. */
export function defaultTemplate(kind: NotificationKind, channel: TemplateChannel): MessageTemplate | undefined {
  if (!channelsOf(kind).includes(channel)) return undefined;
  if (!isApplicantMessageKind(kind)) {
    const words = OFFICER_WORDS[kind];
    return { subject: words.title, body: words.body, providerTemplateId: null };
  }
  const words = APPLICANT_WORDS[kind];
  switch (channel) {
    case 'sms':
      return { subject: null, body: words.sms, providerTemplateId: null };
    case 'email':
      return { subject: words.subject, body: `${EMAIL_GREETING}${words.text}${EMAIL_FOOTER}`, providerTemplateId: null };
    default:
      return { subject: null, body: words.text, providerTemplateId: `onestop_${kind}` };
  }
}

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const NAME = /^[A-Za-z][A-Za-z0-9]{0,49}$/;

/** A template's text refused on save: an unknown placeholder, or braces that make none. */
export interface TemplateProblem {
  /** `unknown-placeholder` or `malformed-placeholder`. */
  code: 'unknown-placeholder' | 'malformed-placeholder';
  placeholder: string;
  reason: string;
}

/** The placeholders a text names, and what is wrong with them for the kind (empty when all is well). */
export function checkPlaceholders(kind: NotificationKind, text: string): TemplateProblem[] {
  const known = PLACEHOLDERS[kind];
  const problems: TemplateProblem[] = [];
  for (const match of text.matchAll(PLACEHOLDER)) {
    const name = match[1];
    if (!NAME.test(name)) problems.push({ code: 'malformed-placeholder', placeholder: match[0], reason: `${match[0]} is not a placeholder: write {{name}} with a name of letters and digits` });
    else if (!Object.prototype.hasOwnProperty.call(known, name)) {
      problems.push({ code: 'unknown-placeholder', placeholder: name, reason: `unknown placeholder {{${name}}}; this template may use ${Object.keys(known).map((k) => `{{${k}}}`).join(', ')}` });
    }
  }
  const stray = text.replace(PLACEHOLDER, '');
  if (stray.includes('{{') || stray.includes('}}')) problems.push({ code: 'malformed-placeholder', placeholder: stray.includes('{{') ? '{{' : '}}', reason: 'has {{ or }} that opens or closes no placeholder' });
  return problems;
}

/** The text with each placeholder replaced by its value (an unknown or missing one by nothing), spaces tidied. */
export function renderTemplate(text: string, values: Readonly<Record<string, string | null | undefined>>): string {
  return text
    .replace(PLACEHOLDER, (_, name: string) => values[name] ?? '')
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/[ \t]+$/gm, '')
    .trim();
}

/**
 * The text an SMS sends: as written, unless taking the diacritics out makes fewer segments
 * (a GSM-7 template filled with Vietnamese names or reasons would otherwise go as UCS-2, at 70
 * characters a segment), and what it then takes. Brand-name SMS are paid per segment.
 */
export function smsText(text: string): { text: string; segments: SmsSegments } {
  const asWritten = smsSegments(text);
  if (asWritten.encoding === 'gsm7') return { text, segments: asWritten };
  const plain = withoutDiacritics(text);
  const stripped = smsSegments(plain);
  return stripped.segments < asWritten.segments ? { text: plain, segments: stripped } : { text, segments: asWritten };
}

/** The samples of a kind's placeholders, for counting what an SMS template makes. */
export function sampleValues(kind: NotificationKind): Record<string, string> {
  return Object.fromEntries(Object.entries(PLACEHOLDERS[kind]).map(([name, p]) => [name, p.sample]));
}
