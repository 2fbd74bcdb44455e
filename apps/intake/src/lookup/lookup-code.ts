import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import type { AuthenticatedRequest, Caller } from '@onestop/platform';
import { LOOKUP_CODE_INPUT_PATTERN, LOOKUP_CODE_TYPING } from '../dossiers/lookup-secret.js';

/**
 * Who acts for the applicant: a signed-in caller (the applicant, an officer on their behalf),
 * or whoever holds the dossier's lookup code from the receipt (an applicant at the counter or by
 * post, who has no account). The code, when sent, decides alone.
 */
export type ApplicantProof = { caller: Caller; secret?: undefined } | { caller?: undefined; secret: string };

/** The receipt's lookup code, optional: without it, the bearer token decides. */
export class LookupCodeQuery {
  @ApiPropertyOptional({
    example: 'Q7MK3XHP9T2D',
    description: `The dossier's lookup code from the receipt (mã tra cứu): with it no sign-in is needed, for an applicant who submitted at the counter or by post and has no account. A wrong code is a 404, as an unknown dossier is, and counts towards the dossier's lookup limit (429 \`too-many-lookup-attempts\`). Without it, the bearer token decides. ${LOOKUP_CODE_TYPING}`,
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  @Matches(LOOKUP_CODE_INPUT_PATTERN, { message: 'secret must be the 12-character lookup code from the receipt' })
  secret?: string;
}

/** Who acts, from the guard's verdict: the lookup code when sent, else the signed-in caller. */
export function applicantProof(request: AuthenticatedRequest, secret: string | undefined): ApplicantProof {
  return secret !== undefined ? { secret } : { caller: request.caller! };
}
