import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import { DOSSIER_CODE_PATTERN } from '@onestop/domain';
import { LOOKUP_CODE_INPUT_PATTERN, LOOKUP_CODE_TYPING } from '../dossiers/lookup-secret.js';


/** The lookup code printed on the receipt (mã tra cứu). */
export class RatingLookupQuery {
  @ApiProperty({ example: 'Q7MK3XHP9T2D', description: `The lookup code printed on the receipt. ${LOOKUP_CODE_TYPING}` })
  @IsString()
  @MaxLength(64)
  @Matches(LOOKUP_CODE_INPUT_PATTERN, { message: 'secret must be the 12-character lookup code from the receipt' })
  secret: string;
}

export class LookupQuery extends RatingLookupQuery {
  @ApiProperty({ example: '000.00.01.H56-260316-0001', description: 'The dossier code.' })
  @IsString()
  @MaxLength(64)
  @Matches(DOSSIER_CODE_PATTERN, { message: 'code must be a dossier code such as 000.00.01.H56-260316-0001' })
  code: string;
}
