import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

/** An entry of an applicant's store, with its file, as PostgreSQL answers it. */
export interface StoredDocumentRow {
  id: string;
  id_number: string;
  sha256: string;
  kind: 'digitised' | 'result';
  document_type: string;
  file_name: string;
  dossier_code: string;
  agency_code: string;
  source_file_id: string | null;
  result_id: string | null;
  verification_code: string | null;
  revoked_at: Date | null;
  added_by: string;
  added_at: Date;
  seq: string;
  storage_key: string;
  media_type: string;
  size_bytes: string;
}

export interface NewStoredDocument {
  id: string;
  idNumber: string;
  sha256: string;
  kind: 'digitised' | 'result';
  documentType: string;
  fileName: string;
  dossierCode: string;
  agencyCode: string;
  sourceFileId: string | null;
  resultId: string | null;
  verificationCode: string | null;
  addedBy: string;
  addedAt: Date;
}

const SELECT = `SELECT d.*, f.storage_key, f.media_type, f.size_bytes FROM applicant_documents d JOIN stored_files f ON f.sha256 = d.sha256`;
/** The ID numbers whose stores a citizen reads: those of the dossiers they own. */
const OWNED_ID_NUMBERS = `SELECT applicant->>'idNumber' FROM dossiers WHERE owner_subject = $1`;

/** Every statement on the applicants' stores (`applicant_documents`) and the files they keep once by hash (`stored_files`). */
@Injectable()
export class StoredDocumentsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The stored file with these bytes, if the store has it already. */
  async file(sha256: string, manager: EntityManager = this.dataSource.manager): Promise<{ storage_key: string } | undefined> {
    const [row] = (await manager.query(`SELECT storage_key FROM stored_files WHERE sha256 = $1`, [sha256])) as Array<{ storage_key: string }>;
    return row;
  }

  /** Records the file once: a second writer of the same bytes finds the first one's row. */
  async addFile(file: { sha256: string; storageKey: string; mediaType: string; sizeBytes: number; at: Date }, manager: EntityManager): Promise<void> {
    await manager.query(`INSERT INTO stored_files (sha256, storage_key, media_type, size_bytes, stored_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (sha256) DO NOTHING`, [
      file.sha256,
      file.storageKey,
      file.mediaType,
      file.sizeBytes,
      file.at,
    ]);
  }

  /** Adds the entry; answers false when the same source (a dossier file, a result) is in a store already. */
  async add(entry: NewStoredDocument, manager: EntityManager): Promise<boolean> {
    const inserted = (await manager.query(
      `INSERT INTO applicant_documents (id, id_number, sha256, kind, document_type, file_name, dossier_code, agency_code, source_file_id, result_id, verification_code, added_by, added_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT DO NOTHING RETURNING id`,
      [entry.id, entry.idNumber, entry.sha256, entry.kind, entry.documentType, entry.fileName, entry.dossierCode, entry.agencyCode, entry.sourceFileId, entry.resultId, entry.verificationCode, entry.addedBy, entry.addedAt],
    )) as unknown[];
    return inserted.length > 0;
  }

  async find(id: string, manager: EntityManager = this.dataSource.manager): Promise<StoredDocumentRow | undefined> {
    const [row] = (await manager.query(`${SELECT} WHERE d.id = $1`, [id])) as StoredDocumentRow[];
    return row;
  }

  async bySourceFile(fileId: string, manager: EntityManager): Promise<StoredDocumentRow | undefined> {
    const [row] = (await manager.query(`${SELECT} WHERE d.source_file_id = $1`, [fileId])) as StoredDocumentRow[];
    return row;
  }

  /** Whether a citizen owns a dossier of the entry's ID number: the store is theirs. */
  async ownedBy(subject: string, idNumber: string): Promise<boolean> {
    const rows = (await this.dataSource.query(`SELECT 1 FROM dossiers WHERE owner_subject = $1 AND applicant->>'idNumber' = $2 LIMIT 1`, [subject, idNumber])) as unknown[];
    return rows.length > 0;
  }

  /** One more entry than `limit`, oldest first after `after`: of the ID number, or of every ID number the citizen `subject` owns a dossier of. */
  async page(owner: { idNumber: string } | { subject: string }, limit: number, after?: { addedAt: string; seq: string }): Promise<StoredDocumentRow[]> {
    const params: unknown[] = ['idNumber' in owner ? owner.idNumber : owner.subject, limit + 1];
    if (after) params.push(after.addedAt, after.seq);
    const whose = 'idNumber' in owner ? 'd.id_number = $1' : `d.id_number IN (${OWNED_ID_NUMBERS})`;
    return (await this.dataSource.query(
      `${SELECT} WHERE ${whose} ${after ? 'AND (d.added_at, d.seq) > ($3::timestamptz, $4::bigint)' : ''} ORDER BY d.added_at, d.seq LIMIT $2`,
      params,
    )) as StoredDocumentRow[];
  }

  async markRevoked(resultId: string, at: Date, manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE applicant_documents SET revoked_at = $2 WHERE result_id = $1 AND revoked_at IS NULL`, [resultId, at]);
  }

  /**
   * Removes the entry; answers the file's storage key when nothing else uses the bytes any more
   * (no other entry, no dossier file), its row gone too, so the caller deletes the bytes.
   */
  async remove(id: string, manager: EntityManager): Promise<string | undefined> {
    // A DELETE answers [rows, count] through TypeORM.
    const [[removed]] = (await manager.query(`DELETE FROM applicant_documents WHERE id = $1 RETURNING sha256`, [id])) as [Array<{ sha256: string }>, number];
    if (!removed) return undefined;
    const [[orphan]] = (await manager.query(
      `DELETE FROM stored_files f WHERE f.sha256 = $1
         AND NOT EXISTS (SELECT 1 FROM applicant_documents d WHERE d.sha256 = f.sha256)
         AND NOT EXISTS (SELECT 1 FROM dossier_files x WHERE x.storage_key = f.storage_key)
       RETURNING storage_key`,
      [removed.sha256],
    )) as [Array<{ storage_key: string }>, number];
    return orphan?.storage_key;
  }
}
