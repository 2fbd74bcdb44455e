import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

export interface LookupAttemptRow {
  failures: number;
  window_ends_at: Date;
}

/** Every statement on the wrong lookup codes counted per subject (`lookup_attempts`). */
@Injectable()
export class LookupAttemptsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The subject's window at `now`, if it counts at least `limit` wrong codes. */
  async lockedOut(subject: string, now: Date, limit: number): Promise<LookupAttemptRow | undefined> {
    const [row] = (await this.dataSource.query(`SELECT failures, window_ends_at FROM lookup_attempts WHERE subject = $1 AND window_ends_at > $2 AND failures >= $3`, [
      subject,
      now,
      limit,
    ])) as LookupAttemptRow[];
    return row;
  }

  /** Counts one more wrong code, atomically; an ended window starts again at one, for `windowSeconds` from now. */
  async countFailure(subject: string, now: Date, windowSeconds: number): Promise<LookupAttemptRow> {
    const [row] = (await this.dataSource.query(
      `INSERT INTO lookup_attempts AS a (subject, window_ends_at, failures) VALUES ($1, $2::timestamptz + make_interval(secs => $3), 1)
       ON CONFLICT (subject) DO UPDATE SET
         failures = CASE WHEN a.window_ends_at <= $2 THEN 1 ELSE a.failures + 1 END,
         window_ends_at = CASE WHEN a.window_ends_at <= $2 THEN EXCLUDED.window_ends_at ELSE a.window_ends_at END
       RETURNING failures, window_ends_at`,
      [subject, now, windowSeconds],
    )) as LookupAttemptRow[];
    return row;
  }

  async forgetEnded(now: Date): Promise<void> {
    await this.dataSource.query(`DELETE FROM lookup_attempts WHERE window_ends_at <= $1`, [now]);
  }
}
