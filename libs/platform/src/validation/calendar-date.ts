import { ValidateBy, type ValidationOptions } from 'class-validator';
import { isIsoDate } from '@onestop/domain';

/**
 * A calendar date written yyyy-MM-dd that exists: `2026-02-30` is refused here with the field's
 * name, rather than reaching PostgreSQL, which would refuse it as an error of its own.
 */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isIsoDate(value),
        defaultMessage: (args) => `${args?.property ?? 'the value'} must be a date that exists, written yyyy-MM-dd, such as 2026-03-16`,
      },
    },
    options,
  );
}
