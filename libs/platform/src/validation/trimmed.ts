/**
 * class-transformer `@Transform` for free text: composed Unicode (decomposed Vietnamese from some
 * keyboards compares and searches as the same letters) without surrounding spaces.
 */
export const trimmed = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.normalize('NFC').trim() : value);
