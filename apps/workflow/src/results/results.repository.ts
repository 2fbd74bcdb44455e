import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

/** An electronic result as `electronic_results` holds it. */
export interface ElectronicResultRow {
  id: string;
  dossier_code: string;
  agency_code: string;
  agency_name: string;
  document_number: string;
  summary: string | null;
  source: 'attached' | 'template';
  storage_key: string;
  file_name: string;
  size_bytes: number;
  sha256: string;
  verification_code: string;
  signer_title: string;
  signer_subject: string;
  signer_fingerprint: string;
  issued_by: string;
  issued_at: Date;
  replaces_id: string | null;
  revoked_at: Date | null;
  revoked_by: string | null;
  revocation_reason: string | null;
  /** The verification code of the result that replaced this one, if any. */
  replaced_by_code: string | null;
}

const SELECT = `SELECT r.*, (SELECT n.verification_code FROM electronic_results n WHERE n.replaces_id = r.id ORDER BY n.issued_at DESC LIMIT 1) AS replaced_by_code FROM electronic_results r`;

export type NewElectronicResult = Omit<ElectronicResultRow, 'revoked_at' | 'revoked_by' | 'revocation_reason' | 'replaced_by_code'>;

/** Every statement on `electronic_results`. */
@Injectable()
export class ResultsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(row: NewElectronicResult, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO electronic_results (id, dossier_code, agency_code, agency_name, document_number, summary, source, storage_key, file_name, size_bytes, sha256, verification_code, signer_title, signer_subject, signer_fingerprint, issued_by, issued_at, replaces_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
      [row.id, row.dossier_code, row.agency_code, row.agency_name, row.document_number, row.summary, row.source, row.storage_key, row.file_name, row.size_bytes, row.sha256, row.verification_code, row.signer_title, row.signer_subject, row.signer_fingerprint, row.issued_by, row.issued_at, row.replaces_id],
    );
  }

  /** Every result of the dossier, oldest first (a handful at most: each replacement follows a revocation). */
  async ofDossier(code: string, manager: EntityManager = this.dataSource.manager): Promise<ElectronicResultRow[]> {
    return (await manager.query(`${SELECT} WHERE r.dossier_code = $1 ORDER BY r.issued_at, r.id`, [code])) as ElectronicResultRow[];
  }

  /** The result in force (not revoked) of the dossier. */
  async inForce(code: string, manager: EntityManager = this.dataSource.manager): Promise<ElectronicResultRow | undefined> {
    const [row] = (await manager.query(`${SELECT} WHERE r.dossier_code = $1 AND r.revoked_at IS NULL`, [code])) as ElectronicResultRow[];
    return row;
  }

  async find(id: string, manager: EntityManager = this.dataSource.manager): Promise<ElectronicResultRow | undefined> {
    const [row] = (await manager.query(`${SELECT} WHERE r.id = $1`, [id])) as ElectronicResultRow[];
    return row;
  }

  async byCode(code: string): Promise<ElectronicResultRow | undefined> {
    const [row] = (await this.dataSource.query(`${SELECT} WHERE r.verification_code = $1`, [code])) as ElectronicResultRow[];
    return row;
  }

  async bySha256(sha256: string): Promise<ElectronicResultRow | undefined> {
    const [row] = (await this.dataSource.query(`${SELECT} WHERE r.sha256 = $1`, [sha256])) as ElectronicResultRow[];
    return row;
  }

  async revoke(id: string, at: Date, by: string, reason: string, manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE electronic_results SET revoked_at = $2, revoked_by = $3, revocation_reason = $4 WHERE id = $1 AND revoked_at IS NULL`, [id, at, by, reason]);
  }
}
