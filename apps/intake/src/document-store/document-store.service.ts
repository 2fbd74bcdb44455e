import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { DataSource, EntityManager } from 'typeorm';
import type { ElectronicResultIssuedV1, ElectronicResultRevokedV1 } from '@onestop/domain';
import { type Caller, Clock, decodeCursor, FileStorage, type Page, PageQuery, ProblemException, StoredFileNotFoundError, toPage, writeEvent } from '@onestop/platform';
import { IntakeAccess } from '../access-policy.js';
import { WorkflowResultsClient } from '../clients/workflow-results.client.js';
import type { Dossier } from '../dossiers/dossier.entity.js';
import { DossiersRepository } from '../dossiers/dossiers.repository.js';
import { DossiersService } from '../dossiers/dossiers.service.js';
import { toStoredDocumentView, type StoredDocumentView } from './document-store.views.js';
import { type StoredDocumentRow, StoredDocumentsRepository } from './stored-documents.repository.js';

/** Where the store keeps a file: by its SHA-256, so the same bytes are kept once. */
const storeKey = (sha256: string) => `intake/store/${sha256}`;

/** Document types compare as people read them: Unicode-normalised, case and spacing aside. */
export function sameDocumentType(a: string, b: string): boolean {
  const norm = (s: string) => s.normalize('NFC').toLocaleLowerCase('vi-VN').replace(/\s+/g, ' ').trim();
  return norm(a) === norm(b);
}

/** A stored document a new dossier reuses for one of its required documents. */
export interface Reuse {
  requirement: number;
  requirementName: string;
  entry: StoredDocumentRow;
}

/**
 * The applicant's document store (kho dữ liệu điện tử), kept by intake, which knows applicants
 * and their documents: each applicant, by ID number, keeps the documents reception digitised and
 * the electronic results workflow issued them, and reuses them in a later dossier. Bytes are kept
 * once by SHA-256 in FileStorage; a reused document is a dossier file pointing at them.
 */
@Injectable()
export class DocumentStoreService {
  private readonly logger = new Logger('DocumentStore');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly entries: StoredDocumentsRepository,
    private readonly dossiers: DossiersService,
    private readonly dossierRows: DossiersRepository,
    private readonly storage: FileStorage,
    private readonly results: WorkflowResultsClient,
    private readonly clock: Clock,
  ) {}

  /** The bytes under the store's key for their hash, written once; answers the key. */
  private async keep(manager: EntityManager, sha256: string, mediaType: string, size: number, source: () => Promise<Readable | Buffer>): Promise<string> {
    const known = await this.entries.file(sha256, manager);
    if (known) return known.storage_key;
    const key = storeKey(sha256);
    const stored = await this.storage.put(key, await source(), { contentType: mediaType });
    if (stored.sha256 !== sha256) {
      await this.storage.delete(key);
      throw new Error(`the bytes stored under ${key} do not have the SHA-256 they were stored for`);
    }
    await this.entries.addFile({ sha256, storageKey: key, mediaType, sizeBytes: size, at: this.clock.now() }, manager);
    return key;
  }

  /**
   * Digitised at the counter (số hóa): a reception officer of the receiving agency marks a file of
   * the dossier as checked against the original, and it joins the applicant's store under its
   * document type (the procedure's document it was uploaded as, unless `documentType` says).
   * Marking the same file again answers the same entry.
   */
  async digitise(caller: Caller, code: string, fileId: string, documentType: string | undefined): Promise<{ entry: StoredDocumentView; created: boolean }> {
    const { row, created } = await this.dataSource.transaction(async (manager) => {
      const dossier = await this.dossiers.visible(caller, code, manager, true);
      if (!(caller.roles.includes('reception') && caller.agencyCodes.includes(dossier.receivingAgencyCode))) {
        throw new ProblemException(403, 'document-not-digitisable', 'Forbidden', 'Only a reception officer of the receiving agency digitises the dossier\'s documents.');
      }
      const [file] = (await manager.query(`SELECT id, storage_key, file_name, media_type, size_bytes, sha256, requirement_name, title, reused_document_id FROM dossier_files WHERE dossier_code = $1 AND id = $2`, [dossier.code, fileId])) as Array<{
        id: string; storage_key: string; file_name: string; media_type: string; size_bytes: string; sha256: string; requirement_name: string | null; title: string | null; reused_document_id: string | null;
      }>;
      if (!file) throw ProblemException.notFound('document-not-found', `No document ${fileId} in dossier ${code}.`);
      const existing = await this.entries.bySourceFile(file.id, manager);
      if (existing) return { row: existing, created: false };
      const type = documentType?.trim() || file.requirement_name || file.title;
      if (!type) {
        throw ProblemException.badRequest('validation-failed', 'documentType: the file is not one of the procedure\'s documents; say what it is.', [{ field: 'documentType', reason: 'is required for a file uploaded without requirement or title' }]);
      }
      const sha256 = file.sha256.trim();
      await this.keep(manager, sha256, file.media_type, Number(file.size_bytes), () => this.storage.get(file.storage_key));
      const id = randomUUID();
      const now = this.clock.now();
      await this.entries.add(
        { id, idNumber: dossier.applicant.idNumber, sha256, kind: 'digitised', documentType: type, fileName: file.file_name, dossierCode: dossier.code, agencyCode: dossier.receivingAgencyCode, sourceFileId: file.id, resultId: null, verificationCode: null, addedBy: caller.subject, addedAt: now },
        manager,
      );
      await manager.query(`UPDATE dossier_files SET digitised_at = $2, digitised_by = $3 WHERE id = $1`, [file.id, now, caller.subject]);
      await writeEvent(manager, 'DocumentDigitised', { storedDocumentId: id, dossierCode: dossier.code, agencyCode: dossier.receivingAgencyCode, documentType: type, digitisedAt: now.toISOString() });
      return { row: (await this.entries.find(id, manager))!, created: true };
    });
    return { entry: toStoredDocumentView(row), created };
  }

  /** ElectronicResultIssued: the signed result joins the applicant's store (fetched from workflow, kept once by hash). */
  async addResult(result: ElectronicResultIssuedV1, manager: EntityManager): Promise<void> {
    const dossier = await this.dossierRows.find(result.dossierCode, manager);
    if (!dossier) {
      this.logger.warn(`result ${result.resultId} of unknown dossier ${result.dossierCode} not stored`);
      return;
    }
    const file = await this.results.byId(result.resultId);
    if (!file) {
      this.logger.warn(`result ${result.resultId} is not known to workflow; not stored`);
      return;
    }
    const sha256 = createHash('sha256').update(file.content).digest('hex');
    if (sha256 !== result.sha256) throw new Error(`result ${result.resultId}: workflow's file does not have the SHA-256 its event announced`);
    await this.keep(manager, sha256, 'application/pdf', file.content.length, async () => file.content);
    await this.entries.add(
      {
        id: randomUUID(),
        idNumber: dossier.applicant.idNumber,
        sha256,
        kind: 'result',
        documentType: result.summary ?? dossier.procedureName,
        fileName: result.fileName,
        dossierCode: dossier.code,
        agencyCode: result.agencyCode,
        sourceFileId: null,
        resultId: result.resultId,
        verificationCode: result.verificationCode,
        addedBy: 'workflow',
        addedAt: new Date(result.issuedAt),
      },
      manager,
    );
  }

  /** ElectronicResultRevoked: the store shows the result revoked (it stays verifiable as such). */
  async revokeResult(revocation: ElectronicResultRevokedV1, manager: EntityManager): Promise<void> {
    await this.entries.markRevoked(revocation.resultId, new Date(revocation.revokedAt), manager);
  }

  /** The signed-in citizen's store: the entries of every ID number they submitted a dossier under. */
  async listOwn(caller: Caller, query: PageQuery): Promise<Page<StoredDocumentView>> {
    return this.page({ subject: caller.subject }, query);
  }

  /** The store of a dossier's applicant, for the officers who may see the dossier (only through it). */
  async listForDossier(caller: Caller, code: string, query: PageQuery): Promise<Page<StoredDocumentView>> {
    const dossier = await this.officersDossier(caller, code);
    return this.page({ idNumber: dossier.applicant.idNumber }, query);
  }

  /** An entry of the citizen's own store (404 for anyone else's). */
  async own(caller: Caller, id: string): Promise<StoredDocumentRow> {
    const row = await this.entries.find(id);
    if (!row || !(await this.entries.ownedBy(caller.subject, row.id_number))) throw ProblemException.notFound('stored-document-not-found', `No document ${id} in your store.`);
    return row;
  }

  /** An entry of the dossier's applicant's store, for its officers (404 for any other). */
  async ofDossier(caller: Caller, code: string, id: string): Promise<StoredDocumentRow> {
    const dossier = await this.officersDossier(caller, code);
    const row = await this.entries.find(id);
    if (!row || row.id_number !== dossier.applicant.idNumber) throw ProblemException.notFound('stored-document-not-found', `No document ${id} in the store of dossier ${code}'s applicant.`);
    return row;
  }

  async content(row: StoredDocumentRow): Promise<Readable> {
    try {
      return await this.storage.get(row.storage_key);
    } catch (error) {
      if (!(error instanceof StoredFileNotFoundError)) throw error;
      this.logger.error(`stored document ${row.id} has no file under ${row.storage_key}`);
      throw new ProblemException(500, 'document-content-missing', 'Internal error', 'The document\'s file cannot be found; this has been logged under the request id.');
    }
  }

  /** The citizen removes an entry of their store; the bytes go once nothing else uses them (dossiers that reused it keep theirs). */
  async remove(caller: Caller, id: string): Promise<void> {
    await this.own(caller, id);
    const orphan = await this.dataSource.transaction((manager) => this.entries.remove(id, manager));
    if (orphan) await this.storage.delete(orphan).catch((failure: unknown) => this.logger.error(`stored document ${id} removed but its file ${orphan} remains: ${String(failure)}`));
  }

  /**
   * Judges, before a dossier is received, the stored documents it names instead of handing them
   * in again: each must be in the store of the applicant's ID number (for a citizen online, one of
   * their own), and of the type of the required document it stands for. 422 naming
   * `documents[i].storedDocumentId` otherwise.
   */
  async reusable(caller: Caller, idNumber: string, wanted: Array<{ index: number; requirement: number; requirementName: string; storedDocumentId: string }>): Promise<Reuse[]> {
    const reuses: Reuse[] = [];
    for (const want of wanted) {
      const field = `documents[${want.index}].storedDocumentId`;
      const entry = await this.entries.find(want.storedDocumentId);
      const citizensOwn = !caller.roles.includes('citizen') || (entry !== undefined && (await this.entries.ownedBy(caller.subject, entry.id_number)));
      if (!entry || entry.id_number !== idNumber || !citizensOwn) {
        throw ProblemException.unprocessable('stored-document-not-found', `${field}: not a document in the store of the applicant ${idNumber}.`, [{ field, reason: 'is not in the applicant\'s document store' }]);
      }
      if (entry.revoked_at) {
        throw ProblemException.unprocessable('stored-document-mismatch', `${field}: the result was revoked by its agency.`, [{ field, reason: 'is a revoked result' }]);
      }
      if (!sameDocumentType(entry.document_type, want.requirementName)) {
        throw ProblemException.unprocessable('stored-document-mismatch', `${field}: the stored document is a "${entry.document_type}", not a "${want.requirementName}".`, [
          { field, reason: `is a "${entry.document_type}", the procedure asks for "${want.requirementName}"` },
        ]);
      }
      reuses.push({ requirement: want.requirement, requirementName: want.requirementName, entry });
    }
    return reuses;
  }

  /** In the dossier's reception transaction: each reused document becomes a file of the dossier pointing at the stored bytes, announced (StoredDocumentReused). */
  async attachReused(manager: EntityManager, dossier: Dossier, reuses: Reuse[], by: { subject: string; name: string | null }): Promise<Map<number, string>> {
    const fileIds = new Map<number, string>();
    const now = this.clock.now();
    for (const reuse of reuses) {
      const id = randomUUID();
      await manager.query(
        `INSERT INTO dossier_files (id, dossier_code, storage_key, file_name, media_type, size_bytes, sha256, requirement, requirement_name, title, uploaded_by, uploaded_by_name, uploaded_at, reused_document_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
        [id, dossier.code, reuse.entry.storage_key, reuse.entry.file_name, reuse.entry.media_type, Number(reuse.entry.size_bytes), reuse.entry.sha256.trim(), reuse.requirement, reuse.requirementName, null, by.subject, by.name, now, reuse.entry.id],
      );
      await writeEvent(manager, 'StoredDocumentReused', { storedDocumentId: reuse.entry.id, dossierCode: dossier.code, agencyCode: dossier.receivingAgencyCode, requirement: reuse.requirement, reusedAt: now.toISOString() });
      fileIds.set(reuse.requirement, id);
    }
    return fileIds;
  }

  private async page(owner: { idNumber: string } | { subject: string }, query: PageQuery): Promise<Page<StoredDocumentView>> {
    const after = query.cursor ? decodeCursor(query.cursor, { addedAt: 'instant', seq: 'digits' }) : undefined;
    const rows = await this.entries.page(owner, query.limit, after);
    const page = toPage(rows, query.limit, (last) => ({ addedAt: new Date(last.added_at).toISOString(), seq: String(last.seq) }));
    return { items: page.items.map(toStoredDocumentView), nextCursor: page.nextCursor };
  }

  /** The dossier, for an officer who may see it: officers see a store only through a dossier they handle. */
  private async officersDossier(caller: Caller, code: string): Promise<Dossier> {
    const dossier = await this.dossiers.visible(caller, code);
    if (!IntakeAccess.readDossier.readsForAgencies(caller)) throw ProblemException.notFound('dossier-not-found', `No dossier ${code} that you may see.`);
    return dossier;
  }
}
