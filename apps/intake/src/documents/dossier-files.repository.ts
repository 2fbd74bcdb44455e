import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { DossierFileRow } from './document.views.js';

const COLUMNS = 'id, dossier_code, storage_key, file_name, media_type, size_bytes, sha256, requirement, requirement_name, title, uploaded_by, uploaded_by_name, uploaded_at, digitised_at, reused_document_id';

/** A document's record as it is written, its bytes already stored under `storageKey`. */
export interface NewDossierFile {
  id: string;
  dossierCode: string;
  storageKey: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  requirement: number | null;
  requirementName: string | null;
  title: string | null;
  uploadedBy: string;
  uploadedByName: string | null;
  uploadedAt: Date;
}

/** Every statement on the records of dossiers' documents (`dossier_files`). */
@Injectable()
export class DossierFilesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(file: NewDossierFile, manager: EntityManager): Promise<DossierFileRow> {
    const [inserted] = (await manager.query(
      `INSERT INTO dossier_files (id, dossier_code, storage_key, file_name, media_type, size_bytes, sha256, requirement, requirement_name, title, uploaded_by, uploaded_by_name, uploaded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING ${COLUMNS}`,
      [
        file.id,
        file.dossierCode,
        file.storageKey,
        file.fileName,
        file.mediaType,
        file.sizeBytes,
        file.sha256,
        file.requirement,
        file.requirementName,
        file.title,
        file.uploadedBy,
        file.uploadedByName,
        file.uploadedAt,
      ],
    )) as DossierFileRow[];
    return inserted;
  }

  /** One more record than `limit` in upload order after the upload `after` names, so the caller knows whether a page follows. */
  async page(code: string, limit: number, after?: { uploadedAt: string; seq: string }): Promise<Array<DossierFileRow & { upload_seq: string }>> {
    const params: unknown[] = [code, limit + 1];
    if (after) params.push(after.uploadedAt, after.seq);
    return (await this.dataSource.query(
      `SELECT ${COLUMNS}, upload_seq FROM dossier_files WHERE dossier_code = $1 ${after ? 'AND (uploaded_at, upload_seq) > ($3::timestamptz, $4::bigint)' : ''} ORDER BY uploaded_at, upload_seq LIMIT $2`,
      params,
    )) as Array<DossierFileRow & { upload_seq: string }>;
  }

  async find(code: string, id: string, manager: EntityManager = this.dataSource.manager): Promise<DossierFileRow | undefined> {
    const [row] = (await manager.query(`SELECT ${COLUMNS} FROM dossier_files WHERE dossier_code = $1 AND id = $2`, [code, id])) as DossierFileRow[];
    return row;
  }

  /** Which of `ids` are documents of the dossier. */
  async existingIds(code: string, ids: string[], manager: EntityManager): Promise<Set<string>> {
    const rows = (await manager.query(`SELECT id FROM dossier_files WHERE dossier_code = $1 AND id = ANY($2::uuid[])`, [code, ids])) as Array<{ id: string }>;
    return new Set(rows.map((row) => row.id));
  }

  async count(code: string, manager: EntityManager = this.dataSource.manager): Promise<number> {
    const [{ n }] = (await manager.query(`SELECT count(*)::int AS n FROM dossier_files WHERE dossier_code = $1`, [code])) as Array<{ n: number }>;
    return n;
  }

  async delete(id: string, manager: EntityManager): Promise<void> {
    await manager.query(`DELETE FROM dossier_files WHERE id = $1`, [id]);
  }
}
