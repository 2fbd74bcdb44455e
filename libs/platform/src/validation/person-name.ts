import { ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * Unicode's bidirectional controls: embeddings and overrides (U+202A-U+202E), isolates
 * (U+2066-U+2069), the marks LRM, RLM (U+200E, U+200F) and ALM (U+061C). Invisible, and they
 * reorder what follows: `Nguyễn\u202EnA` displays as "Nguyễn An" reversed, so a name on a
 * receipt, a worklist or a delivery slip would read otherwise than what is stored and searched.
 */
export const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

/** The first bidirectional control in `value`, as U+XXXX, or undefined. */
export function bidiControlIn(value: string): string | undefined {
  const found = BIDI_CONTROLS.exec(value);
  return found ? `U+${found[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` : undefined;
}

/**
 * The name of a person or an organisation (an applicant, a complainant, a receiver): refused
 * when it holds a bidirectional control character (see BIDI_CONTROLS), with the reason. Refused
 * rather than removed, unlike in file names (sanitizeFileName), because a name is the applicant's
 * own words, printed on legal forms: what is kept is exactly what was sent, or nothing.
 */
export function IsPlainName(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isPlainName',
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || bidiControlIn(value) === undefined,
        defaultMessage: (args) =>
          `${args?.property ?? 'the name'} must not hold bidirectional control characters (found ${typeof args?.value === 'string' ? bidiControlIn(args.value) : 'one'}), which make a name display otherwise than it is written`,
      },
    },
    options,
  );
}
