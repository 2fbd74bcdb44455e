import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { prefersPdf } from './prefers-pdf.js';

export const FORM_FORMATS = ['pdf', 'json'] as const;
export type FormFormat = (typeof FORM_FORMATS)[number];

/**
 * `?format=pdf|json` on the operations that print a form, for links a browser opens (where the
 * Accept header cannot be chosen): it wins over Accept. Any other query parameter is a 400.
 */
export class FormFormatQuery {
  @ApiPropertyOptional({
    enum: FORM_FORMATS,
    example: 'pdf',
    description: '`pdf` for the printable A4 form, `json` for its data; without it, `Accept: application/pdf` (before `application/json`) gives the PDF and anything else JSON.',
  })
  @IsOptional()
  @IsIn(FORM_FORMATS, { message: 'format must be pdf or json' })
  format?: FormFormat;
}

/** Whether to answer with the PDF: `format` when given, else the Accept header. */
export function wantsPdf(accept: string | undefined, format: FormFormat | undefined): boolean {
  return format ? format === 'pdf' : prefersPdf(accept);
}
