import { Matches } from 'class-validator';

/** A Vietnamese phone number: 0 or +84, then nine digits. */
export const VIETNAMESE_PHONE_PATTERN = /^(0|\+84)\d{9}$/;

/** A Vietnamese phone number such as 0912345678, refused with "<property> must be a Vietnamese phone number such as 0912345678". */
export function IsVietnamesePhone(): PropertyDecorator {
  return Matches(VIETNAMESE_PHONE_PATTERN, { message: '$property must be a Vietnamese phone number such as 0912345678' });
}
