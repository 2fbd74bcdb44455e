import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BalanceLinks } from '../drilldown/drilldown-links.js';
import { RatioView } from './ratio.view.js';
import { ReportPeriodView, ReportScope } from './report-context.js';

export class NewlyReceived {
  @ApiProperty({ description: 'Mới tiếp nhận: dossiers received in the period, on every channel.', example: 250000 })
  total: number;

  @ApiProperty({ description: 'Trực tuyến: received online (national channel code 2).', example: 120000 })
  online: number;

  @ApiProperty({ description: 'Trực tiếp: received at the counter (channel 1).', example: 120000 })
  counter: number;

  @ApiProperty({ description: 'Qua dịch vụ bưu chính công ích: received by public post (channel 3).', example: 10000 })
  post: number;
}

export class ReceivedFigures {
  @ApiProperty({ description: 'Tổng số hồ sơ nhận giải quyết: carriedOver + newlyReceived.total.', example: 270990 })
  total: number;

  @ApiProperty({
    description:
      'Từ kỳ trước chuyển sang: dossiers received before the period and not finished, refused, stopped or withdrawn before it (open at local midnight of `period.from`), whatever their state.',
    example: 20990,
  })
  carriedOver: number;

  @ApiProperty({ type: NewlyReceived })
  newlyReceived: NewlyReceived;
}

export class FinishedFigures {
  @ApiProperty({ description: 'Đã giải quyết: dossiers whose result was issued in the period (national status 9 processed, or 10 returned). Early + onTime + late.', example: 252260 })
  total: number;

  @ApiProperty({ description: 'Trước hạn: finished on a day before the due date\'s day.', example: 118221 })
  early: number;

  @ApiProperty({ description: 'Đúng hạn: finished on the due day, not after the due instant.', example: 133729 })
  onTime: number;

  @ApiProperty({
    description: 'Quá hạn: finished after the due date. The due date is the legal one: moved out by time waiting for a supplement, never by an apology and new appointment (form 04).',
    example: 310,
  })
  late: number;
}

export class InProgressFigures {
  @ApiProperty({ description: 'Đang giải quyết: open at `period.asOf` (withinTime + overdue + awaitingSupplement).', example: 18730 })
  total: number;

  @ApiProperty({ description: 'Trong hạn: being processed, due date not passed at `period.asOf`.', example: 18500 })
  withinTime: number;

  @ApiProperty({ description: 'Quá hạn: being processed, due date passed at `period.asOf`.', example: 200 })
  overdue: number;

  @ApiProperty({
    description: 'Trả lại để bổ sung: waiting for the applicant\'s supplement at `period.asOf` (status 5); the clock is stopped, so neither within time nor overdue.',
    example: 30,
  })
  awaitingSupplement: number;
}

export class BalanceCheck {
  @ApiProperty({ description: 'received.carriedOver + received.newlyReceived.total.' })
  handled: number;

  @ApiProperty({ description: 'finished.total + inProgress.total + refused + stopped + withdrawn.' })
  accountedFor: number;

  @ApiProperty({ description: 'Whether they are equal; they always are, by construction of the roll-ups (see the operation description).' })
  holds: boolean;
}

export class BalanceShares {
  @ApiProperty({ type: RatioView, description: '(finished early + on time) ÷ finished.' })
  finishedOnTime: RatioView;

  @ApiProperty({ type: RatioView, description: 'Received online ÷ received in the period.' })
  receivedOnline: RatioView;

  @ApiProperty({ type: RatioView, description: 'Overdue in progress ÷ in progress at the end.' })
  inProgressOverdue: RatioView;
}

/** The figures of form II.06a for one row (a group) or the total. */
export class BalanceFigures {
  @ApiProperty({ type: ReceivedFigures })
  received: ReceivedFigures;

  @ApiProperty({ type: FinishedFigures })
  finished: FinishedFigures;

  @ApiProperty({ type: InProgressFigures })
  inProgress: InProgressFigures;

  @ApiProperty({ description: 'Từ chối: refused in the period as ineligible (status 3, form 03).' })
  refused: number;

  @ApiProperty({ description: 'Dừng xử lý: processing stopped in the period (status 8, form 05).' })
  stopped: number;

  @ApiProperty({ description: 'Rút hồ sơ: withdrawn by the applicant in the period (status 7).' })
  withdrawn: number;

  @ApiProperty({
    description: 'Yêu cầu bổ sung (informational, outside the balance): dossiers first returned to the applicant for a supplement (form 02) in the period.',
  })
  supplementRequested: number;

  @ApiProperty({ type: BalanceShares })
  shares: BalanceShares;

  @ApiProperty({ type: BalanceCheck })
  balance: BalanceCheck;

  @ApiProperty({
    type: BalanceLinks,
    description: 'Each count\'s list of dossiers (`GET /reports/dossier-balance/dossiers`, same period, scope and row), exactly as long as the figure: `handled` is received.total, `received` newlyReceived.total, `inProgress` inProgress.total and so on.',
  })
  links: Record<string, string>;
}

export class BalanceRow extends BalanceFigures {
  @ApiProperty({ description: 'The group: an agency, field, level or procedure code.', example: 'GT-DB' })
  key: string;

  @ApiProperty({ nullable: true, type: String, description: 'The procedure\'s name, for rows per procedure.' })
  name: string | null;
}

export class DossierBalanceReport {
  @ApiProperty({ example: 'II.06a' })
  form: string;

  @ApiProperty({ type: ReportPeriodView })
  period: ReportPeriodView;

  @ApiProperty({ type: ReportScope })
  scope: ReportScope;

  @ApiProperty({ nullable: true, type: String, enum: ['agency', 'receivingAgency', 'field', 'level', 'procedure'] })
  groupBy: string | null;

  @ApiProperty({ type: [BalanceRow], description: 'One row per group (empty without groupBy); groups with nothing to show are left out.' })
  rows: BalanceRow[];

  @ApiProperty({ type: BalanceFigures, description: 'The whole scope.' })
  total: BalanceFigures;

  @ApiPropertyOptional({ type: () => DossierBalanceReport, description: 'With `compare=previousYear`: the same report for the same days a year earlier (its rows, total and links).' })
  previous?: DossierBalanceReport;
}
