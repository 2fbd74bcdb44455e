import { Matches } from 'class-validator';
import { AGENCY_CODE_PATTERN } from '@onestop/domain';

/**
 * An agency code (AGENCY_CODE_PATTERN), refused with "<property> must be an agency code such as
 * <example>"; with `each`, every item of a list.
 */
export function IsAgencyCode({ example = '000.00.01.H56', each = false }: { example?: string; each?: boolean } = {}): PropertyDecorator {
  const message = `$property must be an agency code such as ${example}`;
  return Matches(AGENCY_CODE_PATTERN, each ? { each, message } : { message });
}
