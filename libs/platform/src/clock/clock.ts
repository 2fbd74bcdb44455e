import { Injectable } from '@nestjs/common';

/**
 * The time of day as the services see it. Rules that depend on "now" (receipt times,
 * online-only weekdays, lateness) read it here, so a test can replace it through Nest DI.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock tests set by hand; it stands still unless moved. */
export class FixedClock extends Clock {
  constructor(private current: Date) {
    super();
  }

  override now(): Date {
    return new Date(this.current.getTime());
  }

  set(instant: Date | string): void {
    this.current = new Date(instant);
  }

  advance(milliseconds: number): void {
    this.current = new Date(this.current.getTime() + milliseconds);
  }
}
