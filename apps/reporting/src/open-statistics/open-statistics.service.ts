import { Injectable } from '@nestjs/common';
import { addDays, ratio, toLocalIsoDate } from '@onestop/domain';
import { Clock, ProblemException } from '@onestop/platform';
import { ReportingConfig } from '../config.js';
import type { OpenShare, OpenStatistics, OpenStatisticsRow } from './open-statistics.dto.js';
import { type OpenStatisticsCounts, OpenStatisticsRepository } from './open-statistics.repository.js';

/**
 * Statistical disclosure control of the open statistics: a count from 1 to `minimum − 1` could
 * point at a person (the one dossier of a commune's month, the two unhappy ratings), so it is
 * not published, and neither is a share that would give it away through its numerator or its
 * complement (a 100 % of 7 says nothing; 6 of 7 says one person was not).
 */
export function disclosed(minimum: number) {
  const small = (n: number) => n > 0 && n < minimum;
  const count = (n: number): number | null => (small(n) ? null : n);
  const share = (numerator: number, denominator: number): OpenShare | null =>
    small(denominator) || small(numerator) || small(denominator - numerator) ? null : ratio(numerator, denominator);
  return { count, share };
}

export function openRow(c: OpenStatisticsCounts, minimum: number): OpenStatisticsRow {
  const { count, share } = disclosed(minimum);
  const finishedOnTime = count(c.finished) === null || count(c.finished - c.finishedOnTime) === null ? null : count(c.finishedOnTime);
  return {
    agencyCode: c.agencyCode,
    month: c.month,
    received: count(c.received),
    finished: count(c.finished),
    finishedOnTime,
    onlineShare: share(c.receivedOnline, c.received),
    onTheSpotShare: share(c.onTheSpotHandled, c.onTheSpotEligible),
    satisfaction: share(c.ratingsSatisfied, c.ratings),
  };
}

/** The public summary per agency and month for the provincial portal: aggregates only, small counts suppressed. */
@Injectable()
export class OpenStatisticsService {
  constructor(
    private readonly repository: OpenStatisticsRepository,
    private readonly clock: Clock,
    private readonly config: ReportingConfig,
  ) {}

  async year(year: number | undefined, agency: string | undefined): Promise<OpenStatistics> {
    const today = toLocalIsoDate(this.clock.now());
    const currentYear = Number(today.slice(0, 4));
    const wanted = year ?? currentYear;
    if (wanted > currentYear) throw ProblemException.badRequest('validation-failed', `year: after the current year (${currentYear})`, [{ field: 'year', reason: `is after the current year (${currentYear}): there are no figures yet` }]);
    const tomorrow = addDays(today, 1);
    const asOf = wanted < currentYear ? `${wanted + 1}-01-01` : tomorrow;
    // The months up to the current one (its days up to today: the roll-ups hold nothing later).
    const endMonth = wanted < currentYear ? `${wanted + 1}-01` : addDays(`${today.slice(0, 7)}-01`, 40).slice(0, 7);
    const counts = await this.repository.months(wanted, endMonth, agency ?? null);
    const minimum = this.config.OPEN_STATISTICS_MIN_COUNT;
    return {
      year: wanted,
      asOf,
      minimumCount: minimum,
      rows: counts.filter((c) => !agency || c.agencyCode !== null).map((c) => openRow(c, minimum)),
    };
  }
}
