import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { DossierSynchronisedV1, EventEnvelope } from '@onestop/domain';
import { HandleEvent } from '@onestop/platform';
import type { ReportContext } from '../reports/report-context.js';
import { dossierScope, Sql } from '../reports/rollup-reader.js';

/**
 * The national portal connector's news as facts (`portal_sync_facts`): each dossier the portal
 * has taken, once. The share of the period's dossiers synchronised counts in the 766 index's
 * publicity component.
 */
@Injectable()
export class PortalSyncFacts {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @HandleEvent({ type: 'DossierSynchronised', versions: [1] })
  async onSynchronised(event: EventEnvelope<'DossierSynchronised', DossierSynchronisedV1>, manager: EntityManager): Promise<void> {
    const p = event.payload;
    await manager.query(`INSERT INTO portal_sync_facts (dossier_code, agency_code, received_at, synchronised_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`, [
      p.dossierCode,
      p.receivingAgencyCode,
      new Date(p.receivedAt),
      new Date(p.synchronisedAt),
    ]);
  }

  /** Dossiers received in the period and scope that the portal has taken by the end of it. */
  async synchronised(context: ReportContext): Promise<number> {
    const sql = new Sql();
    const from = sql.param(context.period.from, '::date');
    const to = sql.param(context.asOf, '::date');
    const scope = dossierScope(sql, context.scope).map((condition) => ` AND ${condition.replace(/\b(competent_agency_code|receiving_agency_code|field_code|level_code|procedure_code)\b/g, 'd.$1')}`).join('');
    const [row] = (await this.dataSource.query(
      `SELECT count(*) AS n FROM portal_sync_facts p JOIN dossier_facts d ON d.dossier_code = p.dossier_code
        WHERE (d.received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date >= ${from} AND (d.received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date < ${to}
          AND (p.synchronised_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date < ${to}${scope}`,
      sql.params,
    )) as Array<{ n: string }>;
    return Number(row?.n ?? 0);
  }
}
