import type { DossierStatus } from '@onestop/domain';
import { RECEPTION_NOTES } from '../dossiers/reception.service.js';

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
const RECOGNISED_STEPS: ReadonlyArray<{ status: DossierStatus; phrase: string; prefix?: true }> = [
  ...Object.values(RECEPTION_NOTES).map((phrase) => ({ status: 'accepted' as const, phrase })),
  { status: 'processing', phrase: 'Chuyển xử lý' },
  { status: 'processing', phrase: 'Đã thẩm định, chuyển phê duyệt' },
  { status: 'processing', phrase: 'Đã phê duyệt' },
  { status: 'processing', phrase: 'Nhận hồ sơ bổ sung' },
  { status: 'processing', phrase: 'Đã nhận hồ sơ bổ sung, tiếp tục giải quyết' },
  // Form 04: the reason that follows, in brackets, is the officer's own words.
  { status: 'processing', phrase: 'Xin lỗi công dân vì chậm trễ, hẹn lại ngày trả kết quả', prefix: true },
  { status: 'processed', phrase: 'Bưu điện không phát được kết quả và đã chuyển trả về bộ phận một cửa; công dân nhận kết quả tại bộ phận một cửa' },
  { status: 'returned', phrase: 'Đã trả kết quả điện tử' },
  { status: 'returned', phrase: 'Đã giải quyết và trả kết quả tại chỗ' },
];

/** The standard description of a progress step with this status and stored text. */
export function describeStep(status: DossierStatus, storedText: string | null | undefined): string {
  const text = storedText?.trim() ?? '';
  const step = RECOGNISED_STEPS.find((s) => s.status === status && (text === s.phrase || (s.prefix === true && text.startsWith(s.phrase))));
  return step?.phrase ?? STEP_DESCRIPTIONS[status];
}
