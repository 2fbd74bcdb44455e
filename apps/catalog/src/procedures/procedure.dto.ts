import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import {
  FEE_DUE,
  FEE_KINDS,
  type FeeDue,
  type FeeKind,
  DOCUMENT_FORMS,
  type DocumentForm,
  ONLINE_LEVELS,
  ONLINE_MODES,
  type OnlineLevel,
  type OnlineMode,
  PROCESSING_TIME_UNITS,
  type ProcessingTimeUnit,
  PROCEDURE_CODE_PATTERN,
  STEP_KINDS,
  type StepKind,
} from '@onestop/domain';
import { IsAgencyCode, IsCalendarDate, IsNestedArray, IsNestedObject, PageQuery } from '@onestop/platform';

/** The publishing decision (quyết định công bố) behind a change. */
export class DecisionDto {
  @ApiProperty({ example: '1234/QĐ-UBND', description: 'Number of the decision.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  number: string;

  @ApiProperty({ example: '2026-01-15', description: 'Date signed (yyyy-MM-dd).' })
  @IsCalendarDate({ message: 'date must be a date that exists, such as 2026-01-15' })
  date: string;

  @ApiProperty({ example: '2026-02-01', description: 'Date from which this version is in force (yyyy-MM-dd).' })
  @IsCalendarDate({ message: 'effectiveFrom must be a date that exists, such as 2026-02-01' })
  effectiveFrom: string;
}

export class ProcessingTimeDto {
  @ApiProperty({ example: 10, description: 'Statutory processing time (thời hạn giải quyết); may be fractional, e.g. 0.5 days.' })
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0.25)
  @Max(3650)
  value: number;

  @ApiProperty({ enum: PROCESSING_TIME_UNITS, example: 'working_days' })
  @IsIn(PROCESSING_TIME_UNITS)
  unit: ProcessingTimeUnit;
}

export class FeeLineDto {
  @ApiPropertyOptional({
    example: 'LP-1',
    description: 'The line\'s code, unique within the procedure (MaPhiLePhi on the national payment platform): letters, digits, dot, dash or underscore. Absent: `LP-{position}`.',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{1,40}$/, { message: 'code must be 1-40 letters, digits, dots, dashes or underscores' })
  code?: string;

  @ApiProperty({ example: 'Lệ phí cấp giấy phép' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  name: string;

  @ApiPropertyOptional({
    enum: FEE_KINDS,
    example: 'charge',
    description: '`fee` (phí) or `charge` (lệ phí). Absent: `fee` when the name starts with "Phí", else `charge`.',
  })
  @IsOptional()
  @IsIn(FEE_KINDS)
  kind?: FeeKind;

  @ApiPropertyOptional({
    enum: FEE_DUE,
    example: 'at_submission',
    description: 'When it is paid: `at_submission` (with the dossier, the default) or `before_result` (before the result is handed over).',
  })
  @IsOptional()
  @IsIn(FEE_DUE)
  due?: FeeDue;

  @ApiProperty({ example: 135000, description: 'Whole VND.' })
  @IsInt()
  @Min(0)
  @Max(1_000_000_000_000)
  amountVnd: number;

  @ApiPropertyOptional({ example: 'Miễn cho người có công' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class RequiredDocumentDto {
  @ApiProperty({ example: 'Tờ khai đề nghị cấp giấy phép lái xe' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  name: string;

  @ApiProperty({ enum: DOCUMENT_FORMS, example: 'original', description: 'original (bản chính), certified_copy (bản sao chứng thực) or copy (bản sao).' })
  @IsIn(DOCUMENT_FORMS)
  form: DocumentForm;

  @ApiProperty({ example: 1 })
  @IsInt()
  @Min(1)
  @Max(100)
  quantity: number;

  @ApiProperty({ example: true })
  @IsBoolean()
  required: boolean;

  @ApiPropertyOptional({ example: 'TK-GPLX-01', description: 'Identifier or address of the e-form.' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  eForm?: string;
}

export class ProcessingStepDto {
  @ApiProperty({ enum: STEP_KINDS, example: 'appraise' })
  @IsIn(STEP_KINDS)
  kind: StepKind;

  @ApiProperty({ example: '000.17.22.H56' })
  @IsAgencyCode({ example: '000.00.00.H56' })
  agencyCode: string;

  @ApiProperty({ example: 2880, description: 'This step\'s share of the time limit, in working minutes (one working day is 480).' })
  @IsInt()
  @Min(0)
  workingMinutes: number;
}

/** Everything a publishing decision says about a procedure. */
export class ProcedureContentDto {
  @ApiProperty({ example: 'Cấp giấy phép lái xe' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  @Transform(({ value }) => (typeof value === 'string' ? value.normalize('NFC').trim() : value))
  name: string;

  @ApiProperty({ example: 'G15-GT01', description: 'Field (lĩnh vực) code; GET /fields.' })
  @IsString()
  @MaxLength(40)
  fieldCode: string;

  @ApiProperty({ example: 'province', description: 'Level that handles it; GET /levels.' })
  @IsString()
  @MaxLength(40)
  levelCode: string;

  @ApiProperty({ example: '000.17.22.H56', description: 'The competent agency (cơ quan có thẩm quyền).' })
  @IsAgencyCode({ example: '000.00.00.H56' })
  competentAgencyCode: string;

  @ApiProperty({ type: [String], example: ['000.00.01.H56'], description: 'Agencies that receive dossiers for it.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsAgencyCode({ example: '000.00.00.H56', each: true })
  receivingAgencyCodes: string[];

  @ApiProperty({ type: ProcessingTimeDto })
  @IsNestedObject(() => ProcessingTimeDto)
  processingTime: ProcessingTimeDto;

  @ApiProperty({ type: [FeeLineDto], description: 'Fees and charges; empty when free.' })
  @IsNestedArray(() => FeeLineDto, { max: 50 })
  fees: FeeLineDto[];

  @ApiProperty({ type: [RequiredDocumentDto], description: 'Required documents (thành phần hồ sơ).' })
  @IsNestedArray(() => RequiredDocumentDto, { max: 200 })
  documents: RequiredDocumentDto[];

  @ApiProperty({ enum: ONLINE_LEVELS, example: 4, description: 'Online service level 1-4.' })
  @IsIn(ONLINE_LEVELS)
  onlineLevel: OnlineLevel;

  @ApiProperty({ enum: ONLINE_MODES, example: 'full', description: 'full (toàn trình) or partial (một phần) for levels 3-4; none for levels 1-2.' })
  @IsIn(ONLINE_MODES)
  onlineMode: OnlineMode;

  @ApiProperty({ example: false, description: 'Eligible for "4 tại chỗ" (handled on the spot).' })
  @IsBoolean()
  onTheSpotEligible: boolean;

  @ApiProperty({ example: true, description: 'Dossiers may be sent by public post.' })
  @IsBoolean()
  acceptsDossierByPost: boolean;

  @ApiProperty({ example: true, description: 'The result may be delivered by public post.' })
  @IsBoolean()
  deliversResultByPost: boolean;

  @ApiProperty({ example: false, description: 'On the list of procedures received online only on the agencies\' online-only days.' })
  @IsBoolean()
  onlineOnlyListed: boolean;

  @ApiProperty({ example: true, description: 'Integrated on the National Public Service Portal.' })
  @IsBoolean()
  integratedNationalPortal: boolean;

  @ApiPropertyOptional({
    example: false,
    default: false,
    description: 'Online dossiers are accepted as they are submitted (national status 2 at once). By default the one-stop desk reviews each online dossier first: it is newly registered (status 1) until reception accepts it (case action `accept`, the time limit counted from then), refuses it or asks for a supplement.',
  })
  @IsOptional()
  @IsBoolean()
  acceptsOnlineAutomatically?: boolean;

  @ApiPropertyOptional({
    type: [ProcessingStepDto],
    description: 'Ordered processing steps with their shares of the time limit (inter-agency procedures chain several agencies). Omitted: receive, appraise, approve, return with default shares.',
  })
  @IsOptional()
  @IsNestedArray(() => ProcessingStepDto, { max: 50, min: 1 })
  steps?: ProcessingStepDto[];
}

export class PublishProcedureRequest {
  @ApiProperty({ example: '1.003560', description: 'National code d.dddddd, optionally with a local suffix.' })
  @Matches(PROCEDURE_CODE_PATTERN, { message: 'code must look like 1.003560 (national code, optional local suffix)' })
  code: string;

  @ApiProperty({ type: DecisionDto })
  @IsNestedObject(() => DecisionDto)
  decision: DecisionDto;

  @ApiProperty({ type: ProcedureContentDto })
  @IsNestedObject(() => ProcedureContentDto)
  procedure: ProcedureContentDto;
}

export class AmendProcedureRequest {
  @ApiProperty({ type: DecisionDto })
  @IsNestedObject(() => DecisionDto)
  decision: DecisionDto;

  @ApiProperty({ type: ProcedureContentDto, description: 'The whole content as amended (it replaces the previous version\'s).' })
  @IsNestedObject(() => ProcedureContentDto)
  procedure: ProcedureContentDto;
}

export class AbolishProcedureRequest {
  @ApiProperty({ type: DecisionDto })
  @IsNestedObject(() => DecisionDto)
  decision: DecisionDto;
}

/** The national portal's upsert (`PUT /sync/procedures/{code}`): same body as an amendment. */
export class UpsertProcedureRequest extends AmendProcedureRequest {}

const booleanQuery = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class ProcedureQuery extends PageQuery {
  @ApiPropertyOptional({
    example: 'cap giay phep lai xe',
    description:
      'Words of the name, with or without diacritics, in any case, or a code prefix (1.0012). Every word must match: as typed; the last one also as the start of a word (search as you type); a word no procedure name has (three letters or more), as the known words one letter away (wrong, missing, extra or moved letter: "giay pep" finds "giấy phép"); an abbreviation (GPLX, CCCD, ĐKKD, ...) also as the words it stands for. At most 10 words are searched.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({
    enum: ['relevance', 'code'],
    default: 'relevance',
    description:
      'Order of a word search: `relevance` puts first the names with all the words as a phrase, then as a phrase ending with the start of the last word, then with all the words anywhere, then the rest; within each, the shorter name, then the code. `code` lists matches in code order, for browsing. Without words (filters, code prefix) the order is always by code. A cursor belongs to the order it was issued for.',
  })
  @IsOptional()
  @IsIn(['relevance', 'code'])
  sort: 'relevance' | 'code' = 'relevance';

  @ApiPropertyOptional({ example: 'G15-GT01' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  fieldCode?: string;

  @ApiPropertyOptional({ example: 'province' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  levelCode?: string;

  @ApiPropertyOptional({ example: '000.17.22.H56', description: 'Procedures this agency is competent for or receives.' })
  @IsOptional()
  @IsAgencyCode({ example: '000.00.00.H56' })
  agencyCode?: string;

  @ApiPropertyOptional({ enum: ONLINE_LEVELS, example: 4 })
  @IsOptional()
  @Type(() => Number)
  @IsIn(ONLINE_LEVELS)
  onlineLevel?: OnlineLevel;

  @ApiPropertyOptional({ enum: ONLINE_MODES, example: 'full' })
  @IsOptional()
  @IsIn(ONLINE_MODES)
  onlineMode?: OnlineMode;

  @ApiPropertyOptional({ example: true })
  @IsOptional()
  @Transform(booleanQuery)
  @IsBoolean()
  onTheSpotEligible?: boolean;

  @ApiPropertyOptional({ example: true })
  @IsOptional()
  @Transform(booleanQuery)
  @IsBoolean()
  acceptsDossierByPost?: boolean;

  @ApiPropertyOptional({ example: true })
  @IsOptional()
  @Transform(booleanQuery)
  @IsBoolean()
  deliversResultByPost?: boolean;

  @ApiPropertyOptional({ example: false })
  @IsOptional()
  @Transform(booleanQuery)
  @IsBoolean()
  onlineOnlyListed?: boolean;

  @ApiPropertyOptional({ example: true })
  @IsOptional()
  @Transform(booleanQuery)
  @IsBoolean()
  integratedNationalPortal?: boolean;

  @ApiPropertyOptional({
    enum: ['active', 'upcoming', 'abolished', 'all'],
    default: 'active',
    description: 'By status today: `active` (in force), `upcoming` (announced, not yet in force), `abolished`, or `all`.',
  })
  @IsOptional()
  @IsIn(['active', 'upcoming', 'abolished', 'all'])
  status: 'active' | 'upcoming' | 'abolished' | 'all' = 'active';
}

export class VersionAtQuery {
  @ApiPropertyOptional({ example: '2026-03-01', description: 'The version in force on this date (yyyy-MM-dd); today when omitted.' })
  @IsOptional()
  @IsCalendarDate({ message: 'at must be a date that exists, such as 2026-03-01' })
  at?: string;
}
