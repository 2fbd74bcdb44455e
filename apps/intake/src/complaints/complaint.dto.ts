import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { DOSSIER_CODE_PATTERN } from '@onestop/domain';
import { IsAgencyCode, IsNestedObject, IsPlainName, IsVietnamesePhone, PageQuery, trimmed } from '@onestop/platform';
import { LOOKUP_CODE_INPUT_PATTERN, LOOKUP_CODE_TYPING } from '../dossiers/lookup-secret.js';


export class ComplaintContactDto {
  @ApiProperty({ example: 'Nguyễn Văn An', description: 'The complainant\'s name; no bidirectional control characters.' })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @IsPlainName()
  name: string;

  @ApiProperty({ example: '0912345678' })
  @IsVietnamesePhone()
  phone: string;

  @ApiPropertyOptional({ example: 'an.nguyen@example.vn' })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(200)
  email?: string;
}

export class FileComplaintRequest {
  @ApiProperty({ example: '000.00.01.H56', description: 'The agency the complaint or petition is about.' })
  @IsAgencyCode()
  agencyCode: string;

  @ApiPropertyOptional({ example: '000.00.01.H56-260316-0001', description: 'The dossier concerned, if any; then `lookupSecret` from its receipt is required.' })
  @IsOptional()
  @Matches(DOSSIER_CODE_PATTERN, { message: 'dossierCode must be a dossier code such as 000.00.01.H56-260316-0001' })
  dossierCode?: string;

  @ApiPropertyOptional({ example: 'Q7MK3XHP9T2D', description: `The lookup code of \`dossierCode\`, proving the complainant holds its receipt. ${LOOKUP_CODE_TYPING}` })
  @ValidateIf((o: FileComplaintRequest) => o.dossierCode !== undefined || o.lookupSecret !== undefined)
  @Matches(LOOKUP_CODE_INPUT_PATTERN, { message: 'lookupSecret must be the 12-character lookup code from the receipt' })
  lookupSecret?: string;

  @ApiProperty({ type: ComplaintContactDto, description: 'How officers answer.' })
  @IsNestedObject(() => ComplaintContactDto)
  contact: ComplaintContactDto;

  @ApiProperty({ example: 'Hồ sơ quá hạn chưa được giải quyết' })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  subject: string;

  @ApiProperty({ example: 'Hồ sơ của tôi đã quá ngày hẹn trả 5 ngày mà chưa có kết quả.' })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  content: string;
}

export class AnswerComplaintRequest {
  @ApiProperty({ example: 'Hồ sơ đã được giải quyết, mời ông/bà đến nhận kết quả.' })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  answer: string;
}

export class ComplaintQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['open', 'answered'], description: 'Only unanswered, or only answered ones.' })
  @IsOptional()
  @IsIn(['open', 'answered'])
  state?: 'open' | 'answered';
}

export class ComplaintView {
  @ApiProperty({ example: '8c7f2b8e-1d7a-4f55-9a43-2b3c1c9d2e10' })
  id: string;

  @ApiProperty({ example: '000.00.01.H56', description: 'The agency the complaint is about, which answers it.' })
  agencyCode: string;

  @ApiProperty({ type: String, nullable: true, example: '000.00.01.H56-260316-0001' })
  dossierCode: string | null;

  @ApiProperty({ type: ComplaintContactDto })
  contact: ComplaintContactDto;

  @ApiProperty({ example: 'Hồ sơ quá hạn chưa được giải quyết' })
  subject: string;

  @ApiProperty({ example: 'Hồ sơ của tôi đã quá ngày hẹn trả 5 ngày mà chưa có kết quả.' })
  content: string;

  @ApiProperty({ example: '2026-04-02T09:00:00+07:00' })
  filedAt: string;

  @ApiProperty({ type: String, nullable: true, example: 'Hồ sơ đã được giải quyết, mời ông/bà đến nhận kết quả.' })
  answer: string | null;

  @ApiProperty({ type: String, nullable: true, example: '2026-04-03T10:00:00+07:00' })
  answeredAt: string | null;
}

/** What the complainant gets back: the reference to quote and the code to read the answer with, not others' data. */
export class ComplaintReceipt {
  @ApiProperty({ example: '8c7f2b8e-1d7a-4f55-9a43-2b3c1c9d2e10' })
  id: string;

  @ApiProperty({ example: '2026-04-02T09:00:00+07:00' })
  filedAt: string;

  @ApiProperty({
    example: 'H4KQ7ZP2M9XD',
    description: 'The lookup code (12 characters): with it, anyone holding it reads the complaint\'s status and answer at `GET /complaints/{id}?secret=…`, without signing in. Shown only here, once: it is not kept, only its fingerprint.',
  })
  lookupSecret: string;
}

export class ComplaintLookupQuery {
  @ApiPropertyOptional({
    example: 'H4KQ7ZP2M9XD',
    description: `The lookup code answered when the complaint was filed. Without it, only the citizen who filed the complaint while signed in reads it (send the bearer token). ${LOOKUP_CODE_TYPING}`,
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  @Matches(LOOKUP_CODE_INPUT_PATTERN, { message: 'secret must be the 12-character lookup code answered when the complaint was filed' })
  secret?: string;
}

/** A complaint as its complainant reads it: what they wrote, where it stands, the answer; no contact details, no officer. */
export class ComplaintStatusView extends OmitType(ComplaintView, ['contact'] as const) {
  @ApiProperty({ enum: ['open', 'answered'], example: 'answered', description: '`open` until the agency answers.' })
  status: 'open' | 'answered';
}
