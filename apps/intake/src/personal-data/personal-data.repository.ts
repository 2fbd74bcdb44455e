import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { ERASED_PERSON_NAME } from '@onestop/domain';


/** The statuses after which nothing more happens to a dossier (closed). */
export const CLOSED_STATUSES = ['returned', 'refused', 'stopped', 'withdrawn'] as const;

export interface RetentionPolicyRow {
  field_code: string;
  retention_months: number;
  basis: string;
  updated_at: Date;
  updated_by: string;
}

export interface DueErasure {
  code: string;
  closed_at: Date;
  retention_months: number;
}

export interface ErasureRow {
  dossier_code: string;
  closed_at: Date;
  retention_months: number;
  erased_at: Date;
  files_removed: number;
}

export interface ExportRow {
  id: string;
  at: Date;
  actor: string;
  actor_role: string;
  id_number_sha256: string | null;
  request_reference: string | null;
  dossiers: number;
}

/**
 * Retention of applicants' personal data in intake's schema: the policies, the closed dossiers
 * past theirs, the erasure of one dossier's personal data, and the two logs.
 */
@Injectable()
export class PersonalDataRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async policies(): Promise<RetentionPolicyRow[]> {
    return (await this.dataSource.query(`SELECT * FROM retention_policies ORDER BY field_code = '*' DESC, field_code`)) as RetentionPolicyRow[];
  }

  async savePolicy(fieldCode: string, months: number, basis: string, by: string, at: Date): Promise<RetentionPolicyRow> {
    const [row] = (await this.dataSource.query(
      `INSERT INTO retention_policies (field_code, retention_months, basis, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (field_code) DO UPDATE SET retention_months = EXCLUDED.retention_months, basis = EXCLUDED.basis, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by
       RETURNING *`,
      [fieldCode, months, basis, at, by],
    )) as RetentionPolicyRow[];
    return row;
  }

  /**
   * Closed dossiers whose retention ended by `now` and are not yet erased, oldest code first:
   * closed when their last status came (intake's history), kept for their field's policy or the
   * default one (`*`). Locked, skipping any an officer holds (the next round takes it).
   */
  async due(now: Date, limit: number, manager: EntityManager): Promise<DueErasure[]> {
    return (await manager.query(
      `SELECT d.code, c.closed_at, p.retention_months
         FROM dossiers d
         CROSS JOIN LATERAL (SELECT COALESCE(max(h.at), d.updated_at) AS closed_at FROM dossier_history h WHERE h.dossier_code = d.code) c
         CROSS JOIN LATERAL (SELECT r.retention_months FROM retention_policies r WHERE r.field_code IN (d.field_code, '*') ORDER BY r.field_code = '*' LIMIT 1) p
        WHERE d.status = ANY($3::text[])
          AND NOT EXISTS (SELECT 1 FROM personal_data_erasures e WHERE e.dossier_code = d.code)
          AND c.closed_at + make_interval(months => p.retention_months) <= $1
        ORDER BY d.code
        LIMIT $2
        FOR UPDATE OF d SKIP LOCKED`,
      [now, limit, CLOSED_STATUSES],
    )) as DueErasure[];
  }

  /**
   * Removes the applicant's personal data of one dossier (locked by `due`): name, identity
   * number, phone, email and street address (the commune and province stay, for figures by
   * place), the account link, the rating's comment, the result's receiver by post; the
   * supplements' notes; the contacts and texts of complaints about it; its document files'
   * rows and its entries in the applicant's document store. The code, procedure, agencies,
   * dates, statuses and figures stay. Answers the storage keys whose bytes nothing uses any more.
   */
  async erase(due: DueErasure, at: Date, manager: EntityManager): Promise<string[]> {
    await manager.query(
      `UPDATE dossiers SET
         applicant = jsonb_build_object('kind', applicant->>'kind', 'name', $2::text, 'idNumber', '', 'phone', '',
                       'address', jsonb_build_object('detail', '', 'commune', COALESCE(applicant->'address'->>'commune', ''), 'province', COALESCE(applicant->'address'->>'province', ''))),
         applicant_name = $2, owner_subject = NULL, rating_comment = NULL,
         result_delivery = CASE WHEN result_delivery ? 'address'
           THEN (result_delivery - 'receiverName' - 'receiverPhone') || jsonb_build_object('receiverName', $2::text, 'receiverPhone', '',
                 'address', jsonb_build_object('detail', '', 'commune', COALESCE(result_delivery->'address'->>'commune', ''), 'province', COALESCE(result_delivery->'address'->>'province', '')))
           ELSE result_delivery - 'receiverName' - 'receiverPhone' END,
         updated_at = now()
       WHERE code = $1`,
      [due.code, ERASED_PERSON_NAME],
    );
    await manager.query(`UPDATE supplements SET note = NULL, submitted_by = 'erased' WHERE dossier_code = $1`, [due.code]);
    await manager.query(
      `UPDATE complaints SET contact = '{}'::jsonb, filed_by = 'erased', owner_subject = NULL, subject = $2, content = $2, answer = CASE WHEN answer IS NULL THEN NULL ELSE $2 END WHERE dossier_code = $1`,
      [due.code, ERASED_PERSON_NAME],
    );
    // A DELETE answers [rows, count] through TypeORM.
    const [files] = (await manager.query(`DELETE FROM dossier_files WHERE dossier_code = $1 RETURNING storage_key`, [due.code])) as [Array<{ storage_key: string }>, number];
    const [stored] = (await manager.query(`DELETE FROM applicant_documents WHERE dossier_code = $1 RETURNING sha256`, [due.code])) as [Array<{ sha256: string }>, number];
    const [orphans] = (await manager.query(
      `DELETE FROM stored_files f WHERE f.sha256 = ANY($1::text[])
         AND NOT EXISTS (SELECT 1 FROM applicant_documents d WHERE d.sha256 = f.sha256)
         AND NOT EXISTS (SELECT 1 FROM dossier_files x WHERE x.storage_key = f.storage_key)
       RETURNING storage_key`,
      [stored.map((s) => s.sha256)],
    )) as [Array<{ storage_key: string }>, number];
    // A file of the dossier the store still holds for another dossier keeps its bytes.
    const stillUsed = new Set(
      ((await manager.query(`SELECT storage_key FROM stored_files WHERE storage_key = ANY($1::text[])`, [files.map((f) => f.storage_key)])) as Array<{ storage_key: string }>).map((r) => r.storage_key),
    );
    const removable = [...files.map((f) => f.storage_key).filter((key) => !stillUsed.has(key)), ...orphans.map((o) => o.storage_key)];
    await manager.query(`INSERT INTO personal_data_erasures (dossier_code, closed_at, retention_months, erased_at, files_removed) VALUES ($1, $2, $3, $4, $5)`, [
      due.code,
      due.closed_at,
      due.retention_months,
      at,
      removable.length,
    ]);
    return removable;
  }

  async erasures(limit: number, after?: { at: string; code: string }): Promise<ErasureRow[]> {
    return (await this.dataSource.query(
      `SELECT * FROM personal_data_erasures ${after ? 'WHERE (erased_at, dossier_code) < ($2::timestamptz, $3)' : ''} ORDER BY erased_at DESC, dossier_code DESC LIMIT $1`,
      after ? [limit, after.at, after.code] : [limit],
    )) as ErasureRow[];
  }

  async logExport(row: Omit<ExportRow, 'at'> & { at: Date }): Promise<void> {
    await this.dataSource.query(`INSERT INTO personal_data_exports (id, at, actor, actor_role, id_number_sha256, request_reference, dossiers) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
      row.id,
      row.at,
      row.actor,
      row.actor_role,
      row.id_number_sha256,
      row.request_reference,
      row.dossiers,
    ]);
  }

  async exports(limit: number, after?: { at: string; id: string }): Promise<ExportRow[]> {
    return (await this.dataSource.query(
      `SELECT * FROM personal_data_exports ${after ? 'WHERE (at, id) < ($2::timestamptz, $3::uuid)' : ''} ORDER BY at DESC, id DESC LIMIT $1`,
      after ? [limit, after.at, after.id] : [limit],
    )) as ExportRow[];
  }

  /** The dossiers of a person: those of a citizen's account, or those under an identity number (within `agencies` when given). */
  async dossiersOf(who: { ownerSubject: string } | { idNumber: string; agencies: string[] | null }): Promise<Array<Record<string, unknown>>> {
    const [where, params] =
      'ownerSubject' in who
        ? ['owner_subject = $1', [who.ownerSubject]]
        : who.agencies
          ? [`applicant->>'idNumber' = $1 AND receiving_agency_code = ANY($2::text[])`, [who.idNumber, who.agencies]]
          : [`applicant->>'idNumber' = $1`, [who.idNumber]];
    return (await this.dataSource.query(
      `SELECT code, procedure_code, procedure_name, receiving_agency_code, competent_agency_code, channel, received_at, status, applicant, result_delivery, rating_score, rating_comment, rated_at,
              (SELECT COALESCE(jsonb_agg(jsonb_build_object('id', f.id, 'fileName', f.file_name, 'mediaType', f.media_type, 'sizeBytes', f.size_bytes, 'sha256', f.sha256, 'requirementName', f.requirement_name, 'uploadedAt', f.uploaded_at) ORDER BY f.uploaded_at), '[]'::jsonb)
                 FROM dossier_files f WHERE f.dossier_code = d.code) AS files,
              (SELECT COALESCE(jsonb_agg(jsonb_build_object('receivedAt', s.received_at, 'note', s.note) ORDER BY s.received_at), '[]'::jsonb) FROM supplements s WHERE s.dossier_code = d.code) AS supplements,
              (SELECT COALESCE(jsonb_agg(jsonb_build_object('id', c.id, 'filedAt', c.filed_at, 'subject', c.subject, 'content', c.content, 'contact', c.contact, 'answer', c.answer, 'answeredAt', c.answered_at) ORDER BY c.filed_at), '[]'::jsonb) FROM complaints c WHERE c.dossier_code = d.code) AS complaints,
              (SELECT COALESCE(jsonb_agg(jsonb_build_object('id', a.id, 'kind', a.kind, 'documentType', a.document_type, 'fileName', a.file_name, 'addedAt', a.added_at) ORDER BY a.added_at), '[]'::jsonb) FROM applicant_documents a WHERE a.dossier_code = d.code) AS "storedDocuments",
              EXISTS (SELECT 1 FROM personal_data_erasures e WHERE e.dossier_code = d.code) AS erased
         FROM dossiers d WHERE ${where} ORDER BY received_at, code`,
      params,
    )) as Array<Record<string, unknown>>;
  }
}
