import { type DossierStatus, ONLINE_REGISTRATION_NOTE, RECEPTION_NOTES } from '@onestop/domain';

/**
 * What the public lookup says of each progress step: a standard description of the step, from
 * a fixed list, never the text stored with it. That text is free: the applicant's withdrawal
 * reason, an officer's refusal or stop reason, an apology's reason, the number of the licence
 * issued, and whatever the national portal or a future action puts there, any of which may
 * hold personal data. Whoever holds the receipt sees only the words below.
 */
export const STEP_DESCRIPTIONS: Readonly<Record<DossierStatus, string>> = {
  registered: 'Đã đăng ký hồ sơ, chờ tiếp nhận',
  accepted: 'Đã tiếp nhận hồ sơ',
  refused: 'Hồ sơ không đủ điều kiện giải quyết',
  processing: 'Đang giải quyết',
  supplement_requested: 'Yêu cầu bổ sung hồ sơ',
  payment_requested: 'Yêu cầu nộp phí, lệ phí',
  withdrawn: 'Công dân rút hồ sơ',
  stopped: 'Dừng giải quyết hồ sơ',
  processed: 'Đã có kết quả giải quyết',
  returned: 'Đã trả kết quả',
};

/**
 * The steps intake and workflow record in fixed words, which name the action more precisely
 * than the status alone (which step moved on, a supplement received, an apology, where the
 * result is). A step is recognised when its stored text is the phrase itself, or for an
 * apology begins with it; the lookup then shows the phrase, never the rest of the text.
 * Anything not recognised (reworded, or new) falls back to the status's description above.
 */
/** How workflow words the apology and new appointment (form 04) in the progress. */
export const APOLOGY_PHRASE = 'Xin lỗi công dân vì chậm trễ, hẹn lại ngày trả kết quả';

const RECOGNISED_STEPS: ReadonlyArray<{ status: DossierStatus; phrase: string; prefix?: true }> = [
  ...Object.values(RECEPTION_NOTES).map((phrase) => ({ status: 'accepted' as const, phrase })),
  { status: 'registered', phrase: ONLINE_REGISTRATION_NOTE },
  { status: 'processing', phrase: 'Chuyển xử lý' },
  { status: 'processing', phrase: 'Đã thẩm định, chuyển phê duyệt' },
  { status: 'processing', phrase: 'Đã phê duyệt' },
  { status: 'processing', phrase: 'Nhận hồ sơ bổ sung' },
  { status: 'processing', phrase: 'Đã nhận hồ sơ bổ sung, tiếp tục giải quyết' },
  // Form 04, at whichever step the case is late (reception, processing, waiting for a supplement):
  // the reason that follows, in brackets, is the officer's own words.
  ...(['registered', 'accepted', 'processing', 'supplement_requested'] as const).map((status) => ({ status, phrase: APOLOGY_PHRASE, prefix: true as const })),
  { status: 'processed', phrase: 'Bưu điện không phát được kết quả và đã chuyển trả về bộ phận một cửa; công dân nhận kết quả tại bộ phận một cửa' },
  { status: 'returned', phrase: 'Đã trả kết quả điện tử' },
  { status: 'returned', phrase: 'Đã giải quyết và trả kết quả tại chỗ' },
];

/** The standard description of a dossier's status: the step's words, and for a late dossier that it is late and, after an apology (form 04), the new date. */
export function describeStatus(status: DossierStatus, overdue: boolean, newAppointmentAt: string | null): string {
  if (!overdue) return STEP_DESCRIPTIONS[status];
  if (newAppointmentAt) return `Hồ sơ giải quyết quá hạn, đã xin lỗi và hẹn lại ngày trả kết quả: ${dayAndTime(newAppointmentAt)}`;
  return `${STEP_DESCRIPTIONS[status]} (quá hạn giải quyết)`;
}

/** `03/04/2026 16:00` from a local RFC 3339 time (`2026-04-03T16:00:00+07:00`). */
function dayAndTime(local: string): string {
  const [date, time] = local.split('T');
  const [year, month, day] = date.split('-');
  return `${day}/${month}/${year} ${time.slice(0, 5)}`;
}

/** The standard description of a progress step with this status and stored text. */
export function describeStep(status: DossierStatus, storedText: string | null | undefined): string {
  const text = storedText?.trim() ?? '';
  const step = RECOGNISED_STEPS.find((s) => s.status === status && (text === s.phrase || (s.prefix === true && text.startsWith(s.phrase))));
  return step?.phrase ?? STEP_DESCRIPTIONS[status];
}
