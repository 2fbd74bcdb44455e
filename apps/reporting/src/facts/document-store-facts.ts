import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { type DocumentDigitisedV1, type EventEnvelope, type StoredDocumentReusedV1, toLocalIsoDate } from '@onestop/domain';
import { HandleEvent } from '@onestop/platform';
import type { ReportContext } from '../reports/report-context.js';
import { dossierScope, Sql } from '../reports/rollup-reader.js';

/** Documents digitised and reused in a period and scope, and the dossiers received in it that had one. */
export interface DocumentStoreFigures {
  documentsDigitised: number;
  documentsReused: number;
  /** Dossiers received in the period with at least one document digitised or reused (the 766 index's numerator). */
  dossiersWithStoredDocuments: number;
}

/** Group keys as the dossier roll-ups name them, on the dossier's facts. */
const GROUP_COLUMNS = { agency: 'd.competent_agency_code', receivingAgency: 'd.receiving_agency_code', field: 'd.field_code', level: 'd.level_code', procedure: 'd.procedure_code' } as const;
export type DocumentStoreGroup = keyof typeof GROUP_COLUMNS;

/**
 * Intake's document-store events as facts (`document_store_facts`): one row per document
 * digitised or reused, however often the event is delivered. Read with the dossier's facts,
 * whose agencies, field, level and procedure give every report's scope.
 */
@Injectable()
export class DocumentStoreFacts {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @HandleEvent({ type: 'DocumentDigitised', versions: [1] })
  async onDigitised(event: EventEnvelope<'DocumentDigitised', DocumentDigitisedV1>, manager: EntityManager): Promise<void> {
    const p = event.payload;
    await this.record(manager, 'digitised', p.storedDocumentId, p.dossierCode, p.agencyCode, new Date(p.digitisedAt));
  }

  @HandleEvent({ type: 'StoredDocumentReused', versions: [1] })
  async onReused(event: EventEnvelope<'StoredDocumentReused', StoredDocumentReusedV1>, manager: EntityManager): Promise<void> {
    const p = event.payload;
    await this.record(manager, 'reused', p.storedDocumentId, p.dossierCode, p.agencyCode, new Date(p.reusedAt));
  }

  private async record(manager: EntityManager, kind: 'digitised' | 'reused', id: string, dossierCode: string, agencyCode: string, at: Date): Promise<void> {
    await manager.query(
      `INSERT INTO document_store_facts (kind, stored_document_id, dossier_code, agency_code, occurred_at, occurred_on) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
      [kind, id, dossierCode, agencyCode, at, toLocalIsoDate(at)],
    );
  }

  /** The figures of the period and scope, in total or one row per group (groups with none left out). */
  async figures(context: ReportContext, groupBy?: DocumentStoreGroup): Promise<Array<DocumentStoreFigures & { key: string | null }>> {
    const sql = new Sql();
    const from = sql.param(context.period.from, '::date');
    const to = sql.param(context.asOf, '::date');
    const scope = dossierScope(sql, context.scope).map((condition) => ` AND ${condition.replace(/\b(competent_agency_code|receiving_agency_code|field_code|level_code|procedure_code)\b/g, 'd.$1')}`).join('');
    const key = groupBy ? GROUP_COLUMNS[groupBy] : 'NULL::text';
    const rows = (await this.dataSource.query(
      `SELECT ${key} AS key,
              count(*) FILTER (WHERE s.kind = 'digitised' AND s.occurred_on >= ${from} AND s.occurred_on < ${to}) AS digitised,
              count(*) FILTER (WHERE s.kind = 'reused' AND s.occurred_on >= ${from} AND s.occurred_on < ${to}) AS reused,
              count(DISTINCT s.dossier_code) FILTER (WHERE (d.received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date >= ${from} AND (d.received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date < ${to}) AS dossiers
         FROM document_store_facts s JOIN dossier_facts d ON d.dossier_code = s.dossier_code
        WHERE d.received_at IS NOT NULL${scope}
        GROUP BY 1 ORDER BY 1`,
      sql.params,
    )) as Array<{ key: string | null; digitised: string; reused: string; dossiers: string }>;
    const figures = rows.map((r) => ({ key: r.key, documentsDigitised: Number(r.digitised), documentsReused: Number(r.reused), dossiersWithStoredDocuments: Number(r.dossiers) }));
    if (groupBy) return figures.filter((f) => f.documentsDigitised + f.documentsReused + f.dossiersWithStoredDocuments > 0);
    return figures.length > 0 ? figures : [{ key: null, documentsDigitised: 0, documentsReused: 0, dossiersWithStoredDocuments: 0 }];
  }
}
