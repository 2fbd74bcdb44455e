import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ReportCoverage } from '../reports/report-context.js';

export class CauseCategoryView {
  @ApiProperty({ example: 'coordination', description: 'The class\'s key in `apologies.byCause`; `other` for reasons that match no class, or none given.' })
  key: string;

  @ApiProperty({ example: 'Chờ ý kiến, kết quả của cơ quan phối hợp' })
  name: string;

  @ApiProperty({ type: [String], example: ['phối hợp', 'lấy ý kiến'], description: 'Words that put a reason in the class (matched without diacritics, as whole words); empty for `other`.' })
  keywords: string[];
}

export class StepOverrunFigures {
  @ApiProperty({ example: 12, description: 'Late dossiers in which a step of this kind ended after its share of the time limit (or is still open past it at the end of the period).' })
  dossiers: number;

  @ApiProperty({ example: 96.5, description: 'Working hours those steps ran past their shares, summed (one decimal).' })
  workingHours: number;
}

/** One entry per step kind of a procedure (STEP_KINDS). */
export class OverrunStepsView {
  @ApiProperty({ type: StepOverrunFigures, description: 'Tiếp nhận.' })
  receive: StepOverrunFigures;

  @ApiProperty({ type: StepOverrunFigures, description: 'Thẩm định, xử lý.' })
  appraise: StepOverrunFigures;

  @ApiProperty({ type: StepOverrunFigures, description: 'Phê duyệt.' })
  approve: StepOverrunFigures;

  @ApiProperty({ type: StepOverrunFigures, description: 'Trả kết quả.' })
  return: StepOverrunFigures;
}

export class LatenessLinks {
  @ApiProperty({ example: '/api/v1/reports/dossier-balance/dossiers?from=2025-01-01&to=2025-12-31&agency=000.17.22.H56&column=finishedLate', description: 'The dossiers counted in `finishedLate` (form II.06a\'s list).' })
  finishedLate: string;

  @ApiProperty({ example: '/api/v1/reports/dossier-balance/dossiers?from=2025-01-01&to=2025-12-31&agency=000.17.22.H56&column=inProgressOverdue', description: 'The dossiers counted in `inProgressOverdue`.' })
  inProgressOverdue: string;
}

export class LatenessFigures {
  @ApiProperty({ example: 40, description: 'Late dossiers: finished late in the period plus in progress and overdue at its end (06a\'s two columns).' })
  late: number;

  @ApiProperty({ example: 28, description: 'Đã giải quyết quá hạn: the same count as form II.06a\'s `finishedLate`.' })
  finishedLate: number;

  @ApiProperty({ example: 12, description: 'Đang giải quyết quá hạn: the same count as form II.06a\'s `inProgressOverdue`.' })
  inProgressOverdue: number;

  @ApiProperty({ example: 25, description: 'Late dossiers with at least one apology (thư xin lỗi, form 04).' })
  withApology: number;

  @ApiProperty({ example: 15, description: 'Late dossiers without an apology: the agency owes the applicant one (Decision 766 counts them against it).' })
  withoutApology: number;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { verification: 6, coordination: 10, documents: 4, workload: 3, technical: 0, officer: 1, other: 2 },
    description: 'The apologies of the late dossiers by the class of their reason (every class of `categories`, zeros included); a dossier apologised for twice counts twice.',
  })
  apologiesByCause: Record<string, number>;

  @ApiProperty({ type: () => OverrunStepsView, description: 'By step kind: the steps of the late dossiers that overran their share of the time limit.' })
  overrunSteps: OverrunStepsView;

  @ApiProperty({ example: 5, description: 'Late dossiers whose steps all kept their shares as far as announced (steps before the step times were announced are not known).' })
  withoutOverrunStep: number;

  @ApiProperty({ type: LatenessLinks })
  links: LatenessLinks;
}

export class LatenessRow extends LatenessFigures {
  @ApiProperty({ example: '000.17.22.H56', description: 'The competent agency (cơ quan giải quyết).' })
  agencyCode: string;
}

/** Causes of lateness per agency (nguyên nhân trễ hạn). */
export class LatenessCausesReport extends ReportCoverage {
  @ApiProperty({ type: [CauseCategoryView], description: 'The classes of apologies\' reasons, in the order they are tried, `other` last.' })
  categories: CauseCategoryView[];

  @ApiProperty({ type: [LatenessRow], description: 'One row per competent agency with a late dossier, in code order.' })
  rows: LatenessRow[];

  @ApiProperty({ type: LatenessFigures })
  total: LatenessFigures;

  @ApiPropertyOptional({ type: () => LatenessCausesReport, description: 'With `compare=previousYear`: the same report for the same days a year earlier.' })
  previous?: LatenessCausesReport;
}
