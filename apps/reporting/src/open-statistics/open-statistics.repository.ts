import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** One agency's (or, with a null agency, the whole province's) month, straight from the monthly roll-ups. */
export interface OpenStatisticsCounts {
  agencyCode: string | null;
  month: string;
  received: number;
  receivedOnline: number;
  finished: number;
  finishedOnTime: number;
  onTheSpotEligible: number;
  onTheSpotHandled: number;
  ratings: number;
  ratingsSatisfied: number;
}

@Injectable()
export class OpenStatisticsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The months of a year (up to `endMonth`, excluded), per competent agency and for the province. */
  async months(year: number, endMonth: string, agency: string | null): Promise<OpenStatisticsCounts[]> {
    const rows = (await this.dataSource.query(
      `SELECT competent_agency_code AS agency, to_char(period_start, 'YYYY-MM') AS month,
              sum(received) AS received, sum(received) FILTER (WHERE channel = 'online') AS received_online,
              sum(finished_early + finished_on_time + finished_late) AS finished, sum(finished_early + finished_on_time) AS finished_on_time,
              sum(received_on_the_spot) AS on_the_spot_eligible, sum(handled_on_the_spot) AS on_the_spot_handled,
              sum(ratings) AS ratings, sum(ratings_satisfied) AS ratings_satisfied
         FROM dossier_rollup
        WHERE grain = 'M' AND period_start >= make_date($1, 1, 1) AND period_start < $2::date AND ($3::text IS NULL OR competent_agency_code = $3)
        GROUP BY GROUPING SETS ((competent_agency_code, period_start), (period_start))
        ORDER BY month, agency NULLS FIRST`,
      [year, `${endMonth}-01`, agency],
    )) as Array<Record<string, string | null>>;
    const n = (value: string | null) => Number(value ?? 0);
    return rows
      .map((r) => ({
        agencyCode: r.agency,
        month: r.month!,
        received: n(r.received),
        receivedOnline: n(r.received_online),
        finished: n(r.finished),
        finishedOnTime: n(r.finished_on_time),
        onTheSpotEligible: n(r.on_the_spot_eligible),
        onTheSpotHandled: n(r.on_the_spot_handled),
        ratings: n(r.ratings),
        ratingsSatisfied: n(r.ratings_satisfied),
      }))
      .filter((r) => r.received + r.finished + r.ratings > 0 || r.agencyCode === null);
  }
}
