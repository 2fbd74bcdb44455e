import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ONLINE_LEVELS, ONLINE_MODES, type OnlineLevel, type OnlineMode } from '@onestop/domain';
import { DecisionDto, ProcedureContentDto } from './procedure.dto.js';

/** Part of a text, as JavaScript string indices (UTF-16 code units) of the text as answered. */
export class TextRangeView {
  @ApiProperty({ example: 4, description: 'Index of the first character matched.' })
  start: number;

  @ApiProperty({ example: 8, description: 'Index after the last character matched (exclusive): `name.slice(start, end)` is the matched text.' })
  end: number;
}

/** A procedure in lists and search results: the version in force today, flattened. */
export class ProcedureSummary {
  @ApiProperty({ example: '1.003560' })
  code: string;

  @ApiProperty({
    enum: ['upcoming', 'active', 'abolished'],
    example: 'active',
    description: '`active`: a version is in force today; `upcoming`: announced, not yet in force (the item shows its first version); `abolished`: the abolition is in force.',
  })
  status: 'upcoming' | 'active' | 'abolished';

  @ApiProperty({ example: 2, description: 'The version shown: the one in force today (a later decision shows from its effective date).' })
  versionNo: number;

  @ApiProperty({ example: 'Cấp giấy phép lái xe' })
  name: string;

  @ApiProperty({ example: 'G15-GT01' })
  fieldCode: string;

  @ApiProperty({ example: 'province' })
  levelCode: string;

  @ApiProperty({ example: '000.17.22.H56' })
  competentAgencyCode: string;

  @ApiProperty({ type: [String], example: ['000.00.01.H56'] })
  receivingAgencyCodes: string[];

  @ApiProperty({ example: 4800, description: 'Statutory processing time in working minutes (480 a day).' })
  processingMinutes: number;

  @ApiProperty({ enum: ONLINE_LEVELS, example: 4 })
  onlineLevel: OnlineLevel;

  @ApiProperty({ enum: ONLINE_MODES, example: 'full' })
  onlineMode: OnlineMode;

  @ApiProperty({ example: false })
  onTheSpotEligible: boolean;

  @ApiProperty({ example: true })
  acceptsDossierByPost: boolean;

  @ApiProperty({ example: true })
  deliversResultByPost: boolean;

  @ApiProperty({ example: false })
  onlineOnlyListed: boolean;

  @ApiProperty({ example: true })
  integratedNationalPortal: boolean;

  @ApiProperty({ example: '2026-02-01', description: 'From when the version shown is (or, when upcoming, will be) in force.' })
  effectiveFrom: string;

  @ApiProperty({ type: String, nullable: true, example: null, description: 'From when no dossier is accepted: set once an abolition is decided, also while the procedure is still in force until then.' })
  abolishedFrom: string | null;

  @ApiPropertyOptional({
    type: [TextRangeView],
    example: [{ start: 0, end: 3 }, { start: 4, end: 8 }],
    description:
      'Word searches only: the parts of `name` the words matched, in order, not overlapping (a whole word, or the start of a word the last word of the query began). Plain ranges rather than markup, so that a front-end escapes the name as it shows any text and wraps only these parts.',
  })
  highlights?: TextRangeView[];
}

/** One version of a procedure with everything its decision said. */
export class ProcedureVersionView {
  @ApiProperty({ example: '1.003560' })
  code: string;

  @ApiProperty({ example: 1 })
  versionNo: number;

  @ApiProperty({ enum: ['published', 'amended', 'abolished'], example: 'published' })
  kind: 'published' | 'amended' | 'abolished';

  @ApiProperty({ example: true, description: 'Whether dossiers are accepted under this version (false once abolished).' })
  acceptsDossiers: boolean;

  @ApiProperty({ type: DecisionDto })
  decision: DecisionDto;

  @ApiProperty({ type: ProcedureContentDto })
  procedure: ProcedureContentDto;

  @ApiProperty({ format: 'date-time', example: '2026-01-15T10:00:00+07:00' })
  recordedAt: string;
}

export class ProcedureChangeResult {
  @ApiProperty({ enum: ['published', 'amended', 'unchanged'], example: 'unchanged', description: 'What the upsert did; unchanged emits no event.' })
  outcome: 'published' | 'amended' | 'unchanged';

  @ApiProperty({ type: ProcedureVersionView })
  version: ProcedureVersionView;
}
