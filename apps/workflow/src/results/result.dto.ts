import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { trimmed } from '@onestop/platform';
import { VERIFICATION_CODE_PATTERN } from './results.service.js';

/** The text fields of `POST /cases/{dossierCode}/results`, validated like a JSON body once the form is read. */
export class IssueResultFields {
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty({ message: 'documentNumber is required: the number of the licence, certificate or decision' })
  @MaxLength(100)
  documentNumber: string;

  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MaxLength(1000)
  summary?: string;

  @IsOptional()
  @IsIn(['issue_result', 'handle_on_the_spot'])
  action?: 'issue_result' | 'handle_on_the_spot';
}

/** The `multipart/form-data` body of `POST /cases/{dossierCode}/results`, as OpenAPI describes it. */
export class IssueResultForm {
  @ApiProperty({ type: 'string', format: 'binary', description: 'The result document as the agency drew it up: a PDF (told by its content, checked whole as for documents; no active content), at most `RESULT_MAX_BYTES` (20 MiB by default).' })
  file: unknown;

  @ApiProperty({ maxLength: 100, example: '125/GP-SGTVT', description: 'Number of the licence, certificate or decision issued.' })
  documentNumber: string;

  @ApiPropertyOptional({ maxLength: 1000, example: 'Giấy phép lái xe hạng B2' })
  summary?: string;

  @ApiPropertyOptional({ enum: ['issue_result', 'handle_on_the_spot'], example: 'issue_result', description: 'The case action that issues it (default `issue_result`, at the last step; `handle_on_the_spot` for "4 tại chỗ"). Ignored for the replacement of a revoked result, which changes no status.' })
  action?: 'issue_result' | 'handle_on_the_spot';
}

export class RevokeResultRequest {
  @ApiProperty({ maxLength: 2000, example: 'Sai ngày sinh của người được cấp; đã ban hành văn bản thay thế', description: 'Why the result is revoked (lý do thu hồi), shown by `/results/verify`.' })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty({ message: 'reason is required to revoke a result' })
  @MaxLength(2000)
  reason: string;
}

export class VerifyResultQuery {
  @ApiProperty({ example: 'K7QX-2M9P-4TRA', description: 'The verification code printed on the stamp and held by its QR code (letters in either case).' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value))
  @IsString()
  @MaxLength(20)
  @Matches(VERIFICATION_CODE_PATTERN, { message: 'code must be the verification code printed on the result (XXXX-XXXX-XXXX)' })
  code: string;
}

/** The `multipart/form-data` body of `POST /results/verify`. */
export class VerifyResultForm {
  @ApiProperty({ type: 'string', format: 'binary', description: 'The PDF to verify, as received.' })
  file: unknown;
}
