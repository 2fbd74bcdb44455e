import type { Channel, DossierStatus } from '../intake/dossier.js';
import { ONLINE_REGISTRATION_NOTE, RECEPTION_NOTES } from '../intake/dossier.js';
import type { ProgressAction } from '../events/workflow-events.js';

/**
 * What the public lookup says of each progress step: standard words from the tables below,
 * chosen by the step's action and status, never the text stored with it. That text is free:
 * the applicant's withdrawal reason, an officer's refusal or stop reason, an apology's reason,
 * the number of the licence issued, any of which may hold personal data. Whoever holds the
 * receipt sees only these words.
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

/** How the apology and new appointment (form 04) is worded in the progress. */
export const APOLOGY_PHRASE = 'Xin lỗi công dân vì chậm trễ, hẹn lại ngày trả kết quả';

/** The words workflow writes in the progress when the post brings a result back undelivered. */
export const RESULT_RETURNED_BY_POST_NOTE = 'Bưu điện không phát được kết quả và đã chuyển trả về bộ phận một cửa; công dân nhận kết quả tại bộ phận một cửa';

interface ActionWording {
  words: string;
  /** The statuses the action's step shows; with another, the step is told by its status's words. */
  statuses: readonly DossierStatus[];
}

/**
 * The actions told more precisely than their status (which step moved on, a supplement received,
 * an apology, where the result is), in the words workflow and intake also write in the progress.
 * An action not listed is told by its status's words; a reception (`receive`), by its channel's.
 */
export const ACTION_WORDING = {
  register: { words: ONLINE_REGISTRATION_NOTE, statuses: ['registered'] },
  accept: { words: RECEPTION_NOTES.online, statuses: ['accepted'] },
  forward: { words: 'Chuyển xử lý', statuses: ['processing'] },
  appraise: { words: 'Đã thẩm định, chuyển phê duyệt', statuses: ['processing'] },
  approve: { words: 'Đã phê duyệt', statuses: ['processing'] },
  supplement_received: { words: 'Nhận hồ sơ bổ sung', statuses: ['processing'] },
  resume: { words: 'Đã nhận hồ sơ bổ sung, tiếp tục giải quyết', statuses: ['processing'] },
  payment_received: { words: 'Đã nộp phí, lệ phí, tiếp tục giải quyết', statuses: ['processing'] },
  // Form 04, at whichever step the case is late (reception, processing, waiting for a supplement).
  apologise: { words: APOLOGY_PHRASE, statuses: ['registered', 'accepted', 'processing', 'supplement_requested', 'payment_requested'] },
  result_returned_by_post: { words: RESULT_RETURNED_BY_POST_NOTE, statuses: ['processed'] },
  result_delivered_electronically: { words: 'Đã trả kết quả điện tử', statuses: ['returned'] },
  handle_on_the_spot: { words: 'Đã giải quyết và trả kết quả tại chỗ', statuses: ['returned'] },
} as const satisfies Partial<Record<ProgressAction, ActionWording>>;

const WORDING_OF: Readonly<Partial<Record<ProgressAction, ActionWording>>> = ACTION_WORDING;

/** The standard words of a progress step: its action's, else (an action not told apart, or not known) its status's. */
export function describeStep(step: { status: DossierStatus; action: ProgressAction | null }, channel: Channel): string {
  if (step.action === 'receive' && step.status === 'accepted') return RECEPTION_NOTES[channel];
  const wording = step.action === null ? undefined : WORDING_OF[step.action];
  return wording && wording.statuses.includes(step.status) ? wording.words : STEP_DESCRIPTIONS[step.status];
}
