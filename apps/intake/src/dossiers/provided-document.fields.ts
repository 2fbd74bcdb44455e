import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { DOCUMENT_FORMS, type DocumentForm } from '@onestop/domain';
import { stackedDecorators } from '@onestop/platform';

/** How many copies of a document are provided (optional, 1 to 100; the property defaults to 1). */
export function CopiesProvided(): PropertyDecorator {
  return stackedDecorators(ApiPropertyOptional({ example: 1, default: 1, description: 'Copies provided.' }), IsOptional(), IsInt(), Min(1), Max(100));
}

/** The form a document is provided in (original, certified copy...), when it differs from the one asked: optional. */
export function FormProvided(example: DocumentForm, description: string): PropertyDecorator {
  return stackedDecorators(ApiPropertyOptional({ enum: DOCUMENT_FORMS, example, description }), IsOptional(), IsIn(DOCUMENT_FORMS));
}
