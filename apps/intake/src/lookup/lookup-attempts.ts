import { applyDecorators, Injectable, Logger } from '@nestjs/common';
import { ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { Clock, Problem, PROBLEM_CONTENT_TYPE, ProblemException } from '@onestop/platform';
import { IntakeConfig } from '../config.js';
import { type LookupAttemptRow, LookupAttemptsRepository } from './lookup-attempts.repository.js';

/** What a lookup code opens: a dossier (receipt's code) or a complaint (the code answered at filing). */
export const dossierLookup = (code: string) => `dossier:${code}`;
export const complaintLookup = (id: string) => `complaint:${id}`;

/**
 * Wrong lookup codes per dossier (and per complaint), wherever a lookup code is checked: the
 * public lookup, documents read with `?secret=`, rating, a complaint naming a dossier, a
 * complaint read with its own code. Up to LOOKUP_GUESS_LIMIT wrong codes in a window of
 * LOOKUP_GUESS_WINDOW_SECONDS from the first are answered as usual (404); after that, every
 * attempt on that dossier, the right code included, is a 429 `too-many-lookup-attempts` with
 * Retry-After until the window ends. Blocking the right code too is what makes guessing
 * pointless (a 429 says nothing about the code tried); the lockout is bounded by the window, so
 * an attacker can keep the applicant out only for that long at a time. An unknown dossier
 * counts as a wrong code, so the limit tells nobody which dossiers exist.
 *
 * Counted in intake's own table, so the limit holds whichever replica answers and whether the
 * request came through the gateway or not. A wrong code is counted atomically before it is
 * answered, so concurrent guesses cannot slip past the limit.
 */
@Injectable()
export class LookupAttempts {
  private readonly logger = new Logger('LookupAttempts');
  private sweptAt = 0;

  constructor(
    private readonly attempts: LookupAttemptsRepository,
    private readonly config: IntakeConfig,
    private readonly clock: Clock,
  ) {}

  /** The right code was offered: 429 while the subject is locked out, else nothing. */
  async opened(subject: string): Promise<void> {
    const now = this.clock.now();
    const row = await this.attempts.lockedOut(subject, now, this.config.LOOKUP_GUESS_LIMIT);
    if (row) throw this.tooMany(row, now);
  }

  /**
   * A wrong code (or an unknown dossier) was offered: counts it, and answers `refusal` (the
   * usual 404) within the limit, 429 past it.
   */
  async refused(subject: string, refusal: ProblemException): Promise<ProblemException> {
    const now = this.clock.now();
    const row = await this.attempts.countFailure(subject, now, this.config.LOOKUP_GUESS_WINDOW_SECONDS);
    void this.sweep(now);
    return row.failures > this.config.LOOKUP_GUESS_LIMIT ? this.tooMany(row, now) : refusal;
  }

  private tooMany(row: LookupAttemptRow, now: Date): ProblemException {
    const retryAfter = Math.max(1, Math.ceil((new Date(row.window_ends_at).getTime() - now.getTime()) / 1000));
    return new ProblemException(
      429,
      'too-many-lookup-attempts',
      'Too many requests',
      `More than ${this.config.LOOKUP_GUESS_LIMIT} wrong lookup codes for this dossier; it can be looked up again in ${retryAfter} s.`,
    ).withRetryAfter(retryAfter);
  }

  /** Forgets ended windows, at most once a window per process. */
  private async sweep(now: Date): Promise<void> {
    if (now.getTime() - this.sweptAt < this.config.LOOKUP_GUESS_WINDOW_SECONDS * 1000) return;
    this.sweptAt = now.getTime();
    await this.attempts.forgetEnded(now).catch((error: unknown) => this.logger.warn(`sweep failed: ${String(error)}`));
  }
}

/** Documents the 429 of an operation that checks a lookup code (and the gateway's rate limit). */
export function ApiLookupAttemptsLimited(): MethodDecorator {
  return applyDecorators(
    ApiResponse({
      status: 429,
      description:
        'Too many wrong lookup codes for this dossier (or complaint): after LOOKUP_GUESS_LIMIT (10) wrong codes within LOOKUP_GUESS_WINDOW_SECONDS (15 minutes) of the first, every attempt on it, the right code included, is refused with code `too-many-lookup-attempts` until the window ends. Also `rate-limited` and `too-many-refused-credentials` from the gateway. Wait for `Retry-After` seconds.',
      headers: { 'Retry-After': { description: 'Seconds to wait before the next attempt.', schema: { type: 'integer', example: 540 } } },
      content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(Problem) } } },
    }),
  );
}
