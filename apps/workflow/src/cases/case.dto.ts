import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDefined, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min, ValidateBy, ValidateIf, ValidateNested } from 'class-validator';
import { type CaseState, OFFICER_ACTIONS, type OfficerAction, STEP_KINDS, type StepKind } from '@onestop/domain';
import { IsInstant, IsPlainName, PageQuery, trimmed } from '@onestop/platform';


/**
 * One item of a supplement request (form 02): a document of the procedure's list, by its
 * position (`requirement`), or an extra item in words (`name`); one or the other.
 */
export class MissingDocumentDto {
  @ApiPropertyOptional({
    example: 3,
    minimum: 1,
    description: 'A document of the procedure\'s list (thành phần hồ sơ) by its 1-based position in the version the dossier is judged by, as reception\'s `documents` name them; its name comes from the procedure (422 `unknown-document` beyond the list). Give `requirement` or `name`, not both.',
  })
  @ValidateIf((o: MissingDocumentDto) => o.requirement !== undefined || o.name === undefined)
  @IsInt({ message: 'requirement must be the 1-based position of a document in the procedure\'s list (or give name for an extra item)' })
  @Min(1)
  @Max(200)
  requirement?: number;

  @ApiPropertyOptional({ example: 'Giấy xác nhận nơi cư trú', description: 'An extra item, not in the procedure\'s list, in words (requests stored before items were numbered read as such items).' })
  @ValidateIf((o: MissingDocumentDto) => o.name !== undefined || o.requirement === undefined)
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  @ValidateBy({
    name: 'requirementOrName',
    validator: {
      validate: (_value, args) => (args?.object as MissingDocumentDto).requirement === undefined,
      defaultMessage: () => 'give requirement (a document of the procedure\'s list) or name (an extra item), not both',
    },
  })
  name?: string;

  @ApiPropertyOptional({ example: 'Bản chính, còn hiệu lực', description: 'What exactly is asked: the form, what to correct.' })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class CaseResultDto {
  @ApiProperty({ enum: ['electronic', 'paper'], example: 'electronic', description: 'An electronic result (same legal value, Decree 45/2020) or a paper one ready at the counter or for the post.' })
  @IsIn(['electronic', 'paper'])
  kind: 'electronic' | 'paper';

  @ApiProperty({ example: '125/GP-SGTVT', description: 'Number of the licence, certificate or decision issued.' })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  documentNumber: string;

  @ApiPropertyOptional({ example: 'Giấy phép lái xe hạng B2' })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MaxLength(1000)
  summary?: string;
}

export class AssigneeDto {
  @ApiProperty({ example: 'specialist.stp', description: 'The officer\'s subject (user id).' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  subject: string;

  @ApiPropertyOptional({ example: 'Trần Thị Bình', description: 'The officer\'s name; no bidirectional control characters.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @IsPlainName()
  name?: string;
}

/**
 * One action on a case. What each needs: appraise an `opinion`; refuse and stop a `reason`;
 * request_supplement `missingDocuments`; issue_result and handle_on_the_spot a `result`;
 * apologise (a case overdue or at risk, once) a `reason` and `newAppointmentAt`; assign an `assignee`.
 */
export class CaseActionRequest {
  @ApiProperty({ enum: OFFICER_ACTIONS, example: 'appraise' })
  @IsIn(OFFICER_ACTIONS)
  action: OfficerAction;

  @ApiPropertyOptional({ example: 'Hồ sơ đủ điều kiện, đề nghị phê duyệt', description: 'appraise: the appraisal opinion (ý kiến thẩm định).' })
  @ValidateIf((o: CaseActionRequest) => o.action === 'appraise' || o.opinion !== undefined)
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty({ message: 'opinion is required to appraise' })
  @MaxLength(5000)
  opinion?: string;

  @ApiPropertyOptional({ example: 'Không đủ điều kiện theo Điều 5 Thông tư 12/2017/TT-BGTVT', description: 'refuse (form 03), stop (form 05), apologise (form 04): why. mark_returned of a result that goes by post, before the post delivered it or brought it back: why it is returned here instead (kept on the control sheet).' })
  @ValidateIf((o: CaseActionRequest) => ['refuse', 'stop', 'apologise'].includes(o.action) || o.reason !== undefined)
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty({ message: 'reason is required to refuse, stop or apologise' })
  @MaxLength(5000)
  reason?: string;

  @ApiPropertyOptional({ type: [MissingDocumentDto], description: 'request_supplement: what the applicant must supply (form 02), numbered in this order: documents of the procedure\'s list by `requirement`, extra items by `name`.', example: [{ requirement: 3, note: 'Bản chính, còn hiệu lực' }, { name: 'Giấy xác nhận nơi cư trú' }] })
  @ValidateIf((o: CaseActionRequest) => o.action === 'request_supplement' || o.missingDocuments !== undefined)
  @IsArray()
  @ArrayMinSize(1, { message: 'missingDocuments must list at least one document' })
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => MissingDocumentDto)
  missingDocuments?: MissingDocumentDto[];

  @ApiPropertyOptional({ type: CaseResultDto, description: 'issue_result and handle_on_the_spot: the result issued.' })
  @ValidateIf((o: CaseActionRequest) => o.action === 'issue_result' || o.action === 'handle_on_the_spot' || o.result !== undefined)
  @IsDefined({ message: 'result is required to issue the result' })
  @ValidateNested()
  @Type(() => CaseResultDto)
  result?: CaseResultDto;

  @ApiPropertyOptional({ example: '2026-04-03T16:00:00+07:00', format: 'date-time', description: 'apologise: the new appointment date (form 04), after the current one and in the future, RFC 3339, `YYYY-MM-DDTHH:MM:SS[.fraction]` then `Z` or an offset `±HH:MM`. Only a case overdue or at risk is apologised for, once.' })
  @ValidateIf((o: CaseActionRequest) => o.action === 'apologise' || o.newAppointmentAt !== undefined)
  @IsInstant()
  newAppointmentAt?: string;

  @ApiPropertyOptional({ type: AssigneeDto, description: 'assign: the officer who takes the case.' })
  @ValidateIf((o: CaseActionRequest) => o.action === 'assign' || o.assignee !== undefined)
  @IsDefined({ message: 'assignee is required to assign' })
  @ValidateNested()
  @Type(() => AssigneeDto)
  assignee?: AssigneeDto;

  @ApiPropertyOptional({ example: 'Chuyển phòng Quản lý vận tải', description: 'A note for the control sheet.' })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class WorklistQuery extends PageQuery {
  @ApiPropertyOptional({ example: '000.00.02.H56', description: 'One of the caller\'s agencies; all of them when omitted.' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  agencyCode?: string;

  @ApiPropertyOptional({ enum: STEP_KINDS, description: 'Only cases at this kind of step; by default the kinds the caller\'s roles work on.' })
  @IsOptional()
  @IsIn(STEP_KINDS)
  stepKind?: StepKind;

  @ApiPropertyOptional({ enum: ['me', 'unassigned', 'anyone'], default: 'anyone' })
  @IsOptional()
  @IsIn(['me', 'unassigned', 'anyone'])
  assigned: 'me' | 'unassigned' | 'anyone' = 'anyone';

  @ApiPropertyOptional({ enum: ['on_time', 'at_risk', 'overdue'] })
  @IsOptional()
  @IsIn(['on_time', 'at_risk', 'overdue'])
  lateness?: 'on_time' | 'at_risk' | 'overdue';

  @ApiPropertyOptional({
    enum: ['true'],
    example: 'true',
    description: 'Only cases whose current step has used up its share of the time (`stepOverdue`; the lateness sweep\'s mark, refreshed by every action, so a step that has just run out may take up to `LATENESS_SWEEP_MS` to be listed), in the same order, whatever their own `lateness`.',
  })
  @IsOptional()
  @IsIn(['true'], { message: 'stepOverdue must be true (omit it for every case)' })
  stepOverdue?: 'true';

  @ApiPropertyOptional({ enum: ['in_step', 'awaiting_supplement', 'awaiting_payment', 'result_ready'], description: 'By default cases waiting for officers: at a step or with a result to return.' })
  @IsOptional()
  @IsIn(['in_step', 'awaiting_supplement', 'awaiting_payment', 'result_ready'])
  state?: Extract<CaseState, 'in_step' | 'awaiting_supplement' | 'awaiting_payment' | 'result_ready'>;
}

