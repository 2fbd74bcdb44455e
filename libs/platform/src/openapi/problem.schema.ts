import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, ApiSchema, getSchemaPath } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from '../errors/problem.js';

@ApiSchema({ name: 'FieldProblem' })
export class FieldProblemSchema {
  @ApiProperty({ example: 'applicant.phone' })
  field: string;

  @ApiProperty({ example: 'phone must be a valid phone number' })
  reason: string;
}

/** RFC 9457 problem details, the body of every error answer. */
export class Problem {
  @ApiProperty({ example: 'urn:onestop:problem:validation-failed' })
  type: string;

  @ApiProperty({ example: 'Dữ liệu không hợp lệ', description: 'For people: in Vietnamese, or in English when `Accept-Language` prefers it (`Content-Language` says which).' })
  title: string;

  @ApiProperty({ example: 400 })
  status: number;

  @ApiProperty({ description: 'Stable machine-readable reason; branch on this.', example: 'validation-failed' })
  code: string;

  @ApiPropertyOptional({
    example: 'Dữ liệu gửi lên không hợp lệ; xem lý do từng trường trong errors: name.',
    description: 'For people, in the language of `title`: in Vietnamese, what happened in general terms; in English (`Accept-Language: en`), it may name values. Never branch on it.',
  })
  detail?: string;

  @ApiPropertyOptional({ example: '/api/v1/procedures' })
  instance?: string;

  @ApiPropertyOptional({ description: 'Quote it when reporting a problem.', example: '5b0e3f0c-1f7e-4a43-9d3e-6f0a3c8f9b21' })
  requestId?: string;

  @ApiPropertyOptional({ type: [FieldProblemSchema], description: 'Each invalid field and why.' })
  errors?: FieldProblemSchema[];
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input: `errors` names each field and the reason.',
  401: 'Missing or invalid credentials.',
  403: 'Not allowed for this caller.',
  404: 'No such resource.',
  409: 'Conflicts with the current state.',
  413: 'Request body too large.',
  422: 'Well-formed but refused by a business rule.',
  429: 'Too many requests.',
  503: 'A service the request needs is unavailable.',
};

/** Documents the problem+json answers an operation can give. */
export function ApiProblems(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(Problem, FieldProblemSchema),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'Error.',
        content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(Problem) } } },
      }),
    ),
  );
}
