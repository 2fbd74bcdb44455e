import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateIf,
} from 'class-validator';
import {
  APPLICANT_KINDS,
  type ApplicantKind,
  CHANNELS,
  type Channel,
  type DocumentForm,
  DOSSIER_STATUSES,
  type DossierStatus,
  PROCEDURE_CODE_PATTERN,
  RESULT_DELIVERY_METHODS,
  type ResultDeliveryMethod,
} from '@onestop/domain';
import { IsAgencyCode, IsInstant, IsNestedArray, IsNestedObject, IsPlainName, IsVietnamesePhone, PageQuery, trimmed } from '@onestop/platform';
import { CopiesProvided, FormProvided } from './provided-document.fields.js';

/** A person's CCCD has 12 digits; an organisation's tax code 10, or 10-3 for a branch. */
const PERSON_ID_NUMBER = /^\d{12}$/;
const ORGANISATION_TAX_CODE = /^\d{10}(-\d{3})?$/;
/** Either, as the OpenAPI document states it (which one is checked against `kind`). */
const ID_NUMBER_PATTERN = /^(\d{12}|\d{10}(-\d{3})?)$/;

function IsIdNumberOfKind(): PropertyDecorator {
  const pattern = (kind: unknown) => (kind === 'organisation' ? ORGANISATION_TAX_CODE : PERSON_ID_NUMBER);
  return ValidateBy({
    name: 'isIdNumberOfKind',
    validator: {
      validate: (value, args) => typeof value === 'string' && pattern((args?.object as { kind?: unknown }).kind).test(value),
      defaultMessage: (args) =>
        (args?.object as { kind?: unknown }).kind === 'organisation'
          ? 'idNumber must be a 10-digit tax code (or 10-3 digits for a branch) for an organisation'
          : 'idNumber must be a 12-digit citizen identity number for a person',
    },
  });
}


/** A Vietnamese postal address: detail (house, street, hamlet), commune and province. */
export class PostalAddressDto {
  @ApiProperty({ example: 'Số 12 đường Trần Phú, tổ 3' })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  detail: string;

  @ApiProperty({ example: 'Phường Hai Bà Trưng', description: 'Commune, ward or town (xã, phường, thị trấn).' })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  commune: string;

  @ApiProperty({ example: 'Hà Nam' })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  province: string;
}

export class ApplicantDto {
  @ApiProperty({ enum: APPLICANT_KINDS, example: 'person', description: 'A person (công dân) or an organisation (tổ chức, doanh nghiệp).' })
  @IsIn(APPLICANT_KINDS)
  kind: ApplicantKind;

  @ApiProperty({ example: 'Nguyễn Văn An', description: 'The person\'s or the organisation\'s name, as on their papers; no bidirectional control characters (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C).' })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @IsPlainName()
  name: string;

  @ApiProperty({
    example: '035090001234',
    pattern: ID_NUMBER_PATTERN.source,
    description: 'A person: the 12-digit citizen identity number (CCCD). An organisation: its 10-digit tax code, or 10 digits, a dash and 3 for a branch.',
  })
  @IsIdNumberOfKind()
  idNumber: string;

  @ApiProperty({ example: '0912345678', description: 'Vietnamese phone number: 0 or +84, then 9 digits.' })
  @IsVietnamesePhone()
  phone: string;

  @ApiPropertyOptional({ example: 'an.nguyen@example.vn' })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(200)
  email?: string;

  @ApiProperty({ type: PostalAddressDto })
  @IsNestedObject(() => PostalAddressDto)
  address: PostalAddressDto;
}

export class ProvidedDocumentDto {
  @ApiProperty({ example: 1, description: "Position (1-based) of the document in the procedure version's required list (thành phần hồ sơ)." })
  @IsInt()
  @Min(1)
  @Max(200)
  requirement: number;

  @CopiesProvided()
  quantity: number = 1;

  @FormProvided('certified_copy', 'The form provided, when it differs from the one asked.')
  form?: DocumentForm;

  @ApiPropertyOptional({
    format: 'uuid',
    example: '0b8e6f3a-2d4c-4f1e-9a7b-5c3d2e1f0a9b',
    description:
      'Reuse this document of the applicant\'s store (`/stored-documents`, an officer: `/dossiers/{code}/stored-documents`) instead of handing it in again: it must be in the store of `applicant.idNumber` (for a citizen online, their own) and of the type of this required document (its name in the procedure), else a 422 `stored-document-not-found` or `stored-document-mismatch` naming this field. It becomes a file of the dossier, the stored bytes shared rather than copied.',
  })
  @IsOptional()
  @IsUUID('all', { message: 'storedDocumentId must be the id of a document of the applicant\'s store' })
  storedDocumentId?: string;
}

export class ResultDeliveryDto {
  @ApiProperty({ enum: RESULT_DELIVERY_METHODS, example: 'post', description: 'counter (at the one-stop desk), online (electronic result) or post (public postal service).' })
  @IsIn(RESULT_DELIVERY_METHODS)
  method: ResultDeliveryMethod;

  @ApiPropertyOptional({ type: PostalAddressDto, description: 'Required for post: where the result is delivered.' })
  @ValidateIf((o: ResultDeliveryDto) => o.method === 'post' || o.address !== undefined)
  @IsNestedObject(() => PostalAddressDto, 'address is required when the result goes by post')
  address?: PostalAddressDto;

  @ApiPropertyOptional({ example: 'Nguyễn Văn An', description: 'For post: who receives it, when not the applicant; no bidirectional control characters.' })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @IsPlainName()
  receiverName?: string;

  @ApiPropertyOptional({ example: '0912345678', description: "For post: the receiver's phone, when not the applicant's." })
  @IsOptional()
  @IsVietnamesePhone()
  receiverPhone?: string;
}

export class SubmitDossierRequest {
  @ApiProperty({ example: '1.004005', description: 'National procedure code.' })
  @Matches(PROCEDURE_CODE_PATTERN, { message: 'procedureCode must be a procedure code such as 1.003560' })
  procedureCode: string;

  @ApiProperty({ example: '000.00.01.H56', description: 'The receiving agency (one of the procedure\'s receiving agencies).' })
  @IsAgencyCode()
  agencyCode: string;

  @ApiProperty({
    enum: CHANNELS,
    example: 'counter',
    description: 'online: a citizen submits (level 3-4 services). counter: a reception officer receives on the applicant\'s behalf. post: a reception officer (or the postal operator) records a dossier handed over by the postal worker.',
  })
  @IsIn(CHANNELS)
  channel: Channel;

  @ApiProperty({ type: ApplicantDto })
  @IsNestedObject(() => ApplicantDto)
  applicant: ApplicantDto;

  @ApiProperty({ type: [ProvidedDocumentDto], description: 'The documents provided, against the procedure\'s required list.' })
  @IsNestedArray(() => ProvidedDocumentDto, { max: 200 })
  documents: ProvidedDocumentDto[];

  @ApiProperty({ type: ResultDeliveryDto })
  @IsNestedObject(() => ResultDeliveryDto)
  resultDelivery: ResultDeliveryDto;

  @ApiPropertyOptional({
    example: '2026-03-16T09:30:00+07:00',
    format: 'date-time',
    description: 'Post only: when the postal worker handed the sealed dossier over (RFC 3339, `YYYY-MM-DDTHH:MM:SS[.fraction]` then `Z` or an offset `±HH:MM`); it is the receipt time. Other channels are received now.',
  })
  @ValidateIf((o: SubmitDossierRequest) => o.receivedAt !== undefined)
  @IsInstant()
  receivedAt?: string;

  @ApiPropertyOptional({ example: false, default: false, description: 'Fees were paid online (level 4 services).' })
  @IsOptional()
  @IsBoolean()
  feesPaidOnline: boolean = false;
}

export class DossierListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: DOSSIER_STATUSES })
  @IsOptional()
  @IsIn(DOSSIER_STATUSES)
  status?: DossierStatus;

  @ApiPropertyOptional({ example: '1.004005' })
  @IsOptional()
  @Matches(PROCEDURE_CODE_PATTERN, { message: 'procedureCode must be a procedure code such as 1.003560' })
  procedureCode?: string;

  @ApiPropertyOptional({ enum: CHANNELS })
  @IsOptional()
  @IsIn(CHANNELS)
  channel?: Channel;

  @ApiPropertyOptional({ example: '000.00.01.H56', description: 'One of the caller\'s agencies; all of them when omitted.' })
  @IsOptional()
  @IsAgencyCode()
  agencyCode?: string;

  @ApiPropertyOptional({ example: '2026-03-01T00:00:00+07:00', format: 'date-time', description: 'Received at or after (RFC 3339, `YYYY-MM-DDTHH:MM:SS[.fraction]` then `Z` or an offset `±HH:MM`).' })
  @IsOptional()
  @IsInstant()
  receivedFrom?: string;

  @ApiPropertyOptional({ example: '2026-04-01T00:00:00+07:00', format: 'date-time', description: 'Received before (RFC 3339, as `receivedFrom`).' })
  @IsOptional()
  @IsInstant()
  receivedTo?: string;

  @ApiPropertyOptional({ example: true, description: 'Only dossiers late (true) or not late (false): past their due date (`dueAt`, moved out only by supplement waits) without a result, whatever new appointment an apology set; as the dossier\'s `overdue`.' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({ example: 'nguyen van an', description: 'The start of a dossier code, or words of the applicant\'s name (diacritics optional).' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

export class WithdrawDossierRequest {
  @ApiProperty({ example: 'Tôi không còn nhu cầu', description: 'Why the applicant withdraws.' })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason: string;
}

/** The applicant's answer to a supplement request: see supplement.dto.ts. */
export { SubmitSupplementRequest } from './supplement.dto.js';

export class RateDossierRequest {
  @ApiProperty({ example: 5, minimum: 1, maximum: 5, description: '1 very dissatisfied ... 5 very satisfied.' })
  @IsInt()
  @Min(1)
  @Max(5)
  score: 1 | 2 | 3 | 4 | 5;

  @ApiPropertyOptional({ example: 'Cán bộ hướng dẫn tận tình' })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MaxLength(2000)
  comment?: string;
}
