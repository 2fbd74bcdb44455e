import type { ApiParamOptions } from '@nestjs/swagger';
import { AGENCY_CODE_PATTERN, DOSSIER_CODE_PATTERN, PROCEDURE_CODE_PATTERN } from '@onestop/domain';

/**
 * Path parameters that name something by its national code, with the code's pattern (from
 * libs/domain, the one the validators use), so a client can check a code before sending it. A
 * code outside the pattern names nothing: the answer is the operation's 404.
 */
export function dossierCodeParam(name = 'code'): ApiParamOptions {
  return { name, example: '000.00.01.H56-260316-0001', description: 'Dossier code (mã hồ sơ): the receiving agency\'s code, the date received (YYMMDD) and a sequence number.', schema: { type: 'string', pattern: DOSSIER_CODE_PATTERN.source } };
}

export function agencyCodeParam(name = 'code'): ApiParamOptions {
  return { name, example: '000.00.00.H56', description: 'Agency code (mã định danh điện tử, QCVN 102:2016).', schema: { type: 'string', pattern: AGENCY_CODE_PATTERN.source } };
}

export function procedureCodeParam(name = 'code'): ApiParamOptions {
  return { name, example: '1.003560', description: 'Procedure code: the national code, with an optional local suffix.', schema: { type: 'string', pattern: PROCEDURE_CODE_PATTERN.source } };
}
