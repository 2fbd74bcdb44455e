import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsOptional, MaxLength, ValidateIf } from 'class-validator';
import { IsVietnamesePhone } from '@onestop/platform';

export class SavePreferencesRequest {
  @ApiProperty({ example: true, description: 'SMS to the phone given on the dossier. What the law requires (a supplement request, a refusal, an apology with a new date, a stop) still comes by SMS when off.' })
  @IsBoolean()
  sms: boolean;

  @ApiProperty({ example: true, description: 'Email to the address given on the dossier (or the organisation\'s one address).' })
  @IsBoolean()
  email: boolean;

  @ApiProperty({ example: false, description: 'Zalo template messages to `zaloPhone`, the phone number of the applicant\'s Zalo account.' })
  @IsBoolean()
  zalo: boolean;

  @ApiPropertyOptional({ type: String, nullable: true, example: '0912345678', description: 'The phone number the applicant\'s Zalo account is registered with (linking Zalo); required with `zalo: true`.' })
  @ValidateIf((request: SavePreferencesRequest) => request.zalo === true || (request.zaloPhone !== undefined && request.zaloPhone !== null))
  @IsVietnamesePhone()
  zaloPhone?: string | null;
}

export class PreferencesView {
  @ApiProperty({ example: true })
  sms: boolean;

  @ApiProperty({ example: true })
  email: boolean;

  @ApiProperty({ example: false })
  zalo: boolean;

  @ApiProperty({ type: String, nullable: true, example: null })
  zaloPhone: string | null;

  @ApiProperty({ example: ['supplement_requested', 'apology_issued', 'dossier_refused', 'dossier_stopped'], description: 'What comes by SMS whatever is chosen: the law requires the applicant be told.' })
  requiredBySms: string[];

  @ApiProperty({ type: String, nullable: true, example: '2026-03-16T10:00:00+07:00', description: 'Null while the defaults apply (SMS and email on, Zalo not linked).' })
  updatedAt: string | null;
}

export class SaveOrganisationContactRequest {
  @ApiProperty({ example: 'vanthu@congty-abc.vn', description: 'The one address every dossier of the organisation is told at, instead of each dossier\'s.' })
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(200)
  email: string;
}

export class OrganisationContactView {
  @ApiProperty({ example: '0101234567', description: 'The organisation\'s tax code (mã số thuế), as its dossiers give it as the applicant\'s ID number.' })
  idNumber: string;

  @ApiProperty({ example: 'vanthu@congty-abc.vn' })
  email: string;

  @ApiProperty({ example: 'reception.ttphc' })
  updatedBy: string;

  @ApiProperty({ example: '2026-03-16T10:00:00+07:00' })
  updatedAt: string;
}

export const ID_NUMBER_PARAM = { name: 'idNumber', example: '0101234567', description: 'The organisation\'s tax code: 10 digits, or 13 with a branch (0101234567-001).' };
