import { HttpException, HttpStatus } from '@nestjs/common';
import type { ValidationError } from 'class-validator';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** One offending input: where it is (`applicant.phone`, `documents[0].name`) and why. */
export interface FieldProblem {
  field: string;
  reason: string;
}

/** RFC 9457 problem details with a stable machine-readable `code`. */
export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  instance?: string;
  requestId?: string;
  errors?: FieldProblem[];
  [extension: string]: unknown;
}

export function problemType(code: string): string {
  return `urn:onestop:problem:${code}`;
}

/**
 * Throw this for any answer that is not a success. `code` is stable and documented; clients
 * branch on it, never on `title` or `detail`, which are for people.
 */
export class ProblemException extends HttpException {
  /** Seconds after which the same request may succeed: sent as `Retry-After`. */
  retryAfterSeconds?: number;

  constructor(
    status: number,
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super({ code, title, detail, ...extensions }, status);
  }

  /** Marks the problem as passing: the client may send the same request again after `seconds`. */
  withRetryAfter(seconds: number): this {
    this.retryAfterSeconds = seconds;
    return this;
  }

  static badRequest(code: string, detail: string, errors?: FieldProblem[]): ProblemException {
    return new ProblemException(HttpStatus.BAD_REQUEST, code, 'Bad request', detail, errors ? { errors } : {});
  }

  static notFound(code: string, detail: string): ProblemException {
    return new ProblemException(HttpStatus.NOT_FOUND, code, 'Not found', detail);
  }

  static conflict(code: string, detail: string, extensions: Record<string, unknown> = {}): ProblemException {
    return new ProblemException(HttpStatus.CONFLICT, code, 'Conflict', detail, extensions);
  }

  static unprocessable(code: string, detail: string, errors?: FieldProblem[]): ProblemException {
    return new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, code, 'Unprocessable content', detail, errors ? { errors } : {});
  }

  static serviceUnavailable(code: string, detail: string): ProblemException {
    return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, code, 'Service unavailable', detail);
  }
}

/** Flattens class-validator's error tree into `field` paths with readable reasons. */
export function fieldProblems(errors: ValidationError[], parent = ''): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const error of errors) {
    const field = /^\d+$/.test(error.property)
      ? `${parent}[${error.property}]`
      : parent
        ? `${parent}.${error.property}`
        : error.property;
    for (const [constraint, message] of Object.entries(error.constraints ?? {})) {
      problems.push({ field, reason: constraint === 'whitelistValidation' ? 'is not a known field' : message });
    }
    if (error.children?.length) problems.push(...fieldProblems(error.children, field));
  }
  return problems;
}

/** ValidationPipe's exceptionFactory: every invalid field listed in one 400 answer. */
export function validationProblem(errors: ValidationError[]): ProblemException {
  const problems = fieldProblems(errors);
  const detail = problems.map((p) => `${p.field}: ${p.reason}`).join('; ');
  return ProblemException.badRequest('validation-failed', detail || 'The request is invalid.', problems);
}
