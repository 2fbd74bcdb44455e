import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request } from 'express';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { DataSource, EntityManager } from 'typeorm';
import { FINAL_STATUSES } from '@onestop/domain';
import {
  type Caller,
  Clock,
  createValidationPipe,
  decodeCursor,
  FileStorage,
  type Page,
  ProblemException,
  fileNameForType,
  receiveUpload,
  StoredFileNotFoundError,
  toPage,
} from '@onestop/platform';
import { CatalogClient } from '../clients/catalog.client.js';
import { Dossier } from '../dossiers/dossier.entity.js';
import { DossiersService } from '../dossiers/dossiers.service.js';
import { IntakeConfig } from '../config.js';
import type { ApplicantProof } from '../lookup/lookup-code.js';
import { LOOKUP_CODE_SUBJECT } from './document.views.js';
import { type DocumentListQuery, UploadDocumentFields } from './document.dto.js';
import { DOCUMENT_MEDIA_TYPES, type DossierFileRow, toUploadedDocumentView, type UploadedDocumentView } from './document.views.js';
import { DossierFilesRepository } from './dossier-files.repository.js';
import { IntakeAccess } from '../access-policy.js';

/**
 * Who asks to read: the caller of a bearer token, if any, and the lookup code from the receipt,
 * if sent. The code, when sent, decides alone; without it the caller must be one who may see
 * the dossier.
 */
export interface DocumentReader {
  caller?: Caller;
  secret?: string;
}

/** A document as the API shows it, and where its bytes are kept. */
export interface DocumentRecord {
  view: UploadedDocumentView;
  storageKey: string;
}

/**
 * Files of a dossier: the applicant and the receiving agency's reception officers upload them;
 * everyone who may see the dossier reads them; the uploader deletes theirs while the dossier
 * is open. The bytes go to FileStorage, the record to `dossier_files`; an upload leaves both
 * or neither.
 */
@Injectable()
export class DocumentsService {
  private readonly logger = new Logger('Documents');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly files: DossierFilesRepository,
    private readonly dossiers: DossiersService,
    private readonly catalog: CatalogClient,
    private readonly storage: FileStorage,
    private readonly config: IntakeConfig,
    private readonly clock: Clock,
  ) {}

  async upload(uploader: ApplicantProof, code: string, request: Request): Promise<UploadedDocumentView> {
    // Refused callers and closed or full dossiers are answered before a byte of the body is read.
    const dossier = await this.forUpload(uploader, code);
    const id = randomUUID();
    const key = `intake/dossiers/${dossier.code}/${id}`;
    try {
      const upload = await receiveUpload(
        request,
        { fileField: 'file', textFields: ['requirement', 'title'], maxFileBytes: this.config.DOCUMENT_MAX_BYTES, mediaTypes: DOCUMENT_MEDIA_TYPES },
        (content, file) => this.storage.put(key, content, { contentType: file.mediaType }),
      );
      const fields = (await createValidationPipe().transform(upload.fields, { type: 'body', metatype: UploadDocumentFields })) as UploadDocumentFields;
      const requirementName = fields.requirement === undefined ? null : await this.requirementName(dossier, fields.requirement);
      // The name's extension agrees with the content (receiveUpload refuses one that does not); a name without one gets it.
      const fileName = fileNameForType(upload.file.fileName, upload.file.mediaType, 'tai-lieu');
      const row = await this.dataSource.transaction(async (manager) => {
        // Again under the dossier's lock: a withdrawal or another upload may have come in meanwhile.
        await this.forUpload(uploader, code, manager);
        return this.files.insert(
          {
            id,
            dossierCode: dossier.code,
            storageKey: key,
            fileName,
            mediaType: upload.file.mediaType,
            sizeBytes: upload.file.stored.size,
            sha256: upload.file.stored.sha256,
            requirement: fields.requirement ?? null,
            requirementName,
            title: fields.title?.trim() || null,
            uploadedBy: uploader.caller?.subject ?? LOOKUP_CODE_SUBJECT,
            // With the lookup code, the applicant themself (whose name the dossier holds).
            uploadedByName: uploader.caller ? (uploader.caller.name ?? null) : dossier.applicantName,
            uploadedAt: this.clock.now(),
          },
          manager,
        );
      });
      return toUploadedDocumentView(row, dossier.ownerSubject);
    } catch (error) {
      // Whatever failed (the body, a field, the database), the stored bytes go too.
      await this.storage.delete(key).catch((failure: unknown) => this.logger.error(`could not remove ${key} after a failed upload: ${String(failure)}`));
      throw error;
    }
  }

  async list(reader: DocumentReader, code: string, query: DocumentListQuery): Promise<Page<UploadedDocumentView>> {
    const dossier = await this.readable(reader, code);
    const after = query.cursor ? decodeCursor(query.cursor, { uploadedAt: 'instant', seq: 'digits' }) : undefined;
    const rows = await this.files.page(dossier.code, query.limit, after);
    const page = toPage(rows, query.limit, (last) => ({ uploadedAt: new Date(last.uploaded_at).toISOString(), seq: String(last.upload_seq) }));
    return { items: page.items.map((row) => toUploadedDocumentView(row, dossier.ownerSubject, reader.secret !== undefined)), nextCursor: page.nextCursor };
  }

  /** The document's record, for those who may see the dossier or hold its lookup code (404 for anyone else). */
  async describe(reader: DocumentReader, code: string, id: string): Promise<DocumentRecord> {
    const dossier = await this.readable(reader, code);
    const row = await this.find(dossier.code, id);
    return { view: toUploadedDocumentView(row, dossier.ownerSubject, reader.secret !== undefined), storageKey: row.storage_key };
  }

  /** The document's bytes, streamed from storage. */
  async content(document: DocumentRecord): Promise<Readable> {
    try {
      return await this.storage.get(document.storageKey);
    } catch (error) {
      if (!(error instanceof StoredFileNotFoundError)) throw error;
      this.logger.error(`document ${document.view.id} of dossier ${document.view.dossierCode} has no stored file under ${document.storageKey}`);
      throw new ProblemException(500, 'document-content-missing', 'Internal error', 'The document\'s file cannot be found; this has been logged under the request id.');
    }
  }

  /** By its uploader while the dossier is open; the file goes once the record is gone. */
  async remove(caller: Caller, code: string, id: string): Promise<void> {
    const row = await this.dataSource.transaction(async (manager) => {
      const dossier = await this.dossiers.visible(caller, code, manager, true);
      const document = await this.find(dossier.code, id, manager);
      if (document.uploaded_by !== caller.subject) {
        throw new ProblemException(403, 'not-the-uploader', 'Forbidden', 'Only the person who uploaded a document may delete it.');
      }
      this.assertOpen(dossier);
      await this.files.delete(id, manager);
      return document;
    });
    // A document reused from the applicant's store shares the store's bytes, which stay.
    if (row.storage_key.startsWith('intake/store/')) return;
    await this.storage.delete(row.storage_key).catch((failure: unknown) => this.logger.error(`document ${id} deleted but its file ${row.storage_key} remains: ${String(failure)}`));
  }

  /**
   * The dossier whose documents the reader may read: with a lookup code, the dossier it opens
   * (an unknown code and a wrong lookup code are the same 404); without, as the roles guard and
   * `visible` decide for a signed-in caller (401 with no credential, 403 without a reader's role,
   * 404 for a dossier they may not see).
   */
  private readable(reader: DocumentReader, code: string): Promise<Dossier> {
    return this.dossiers.readableWithCodeOr(reader, code, IntakeAccess.readDossierFiles);
  }

  private async find(code: string, id: string, manager?: EntityManager): Promise<DossierFileRow> {
    const row = await this.files.find(code, id, manager);
    if (!row) throw ProblemException.notFound('document-not-found', `No document ${id} in dossier ${code}.`);
    return row;
  }

  /**
   * The dossier, if the uploader may upload to it now: signed in, 404 unless they may see it, 403
   * unless they act for the applicant; with the lookup code, 404 for a wrong one (counted towards
   * the dossier's lookup limit) and 409 `supplement-not-requested` unless a supplement is
   * requested (the files of the answer). 409 once it is closed or holds the most files allowed.
   * With a manager, the dossier row stays locked until the transaction ends.
   */
  private async forUpload(uploader: ApplicantProof, code: string, manager?: EntityManager): Promise<Dossier> {
    const dossier = await this.dossiers.readableBy(uploader, code, manager, manager !== undefined);
    if (uploader.caller && !IntakeAccess.answerForApplicant.allows(uploader.caller, dossier)) {
      throw new ProblemException(403, 'not-the-applicant', 'Forbidden', 'Only the applicant, or a reception officer of the receiving agency on their behalf, may upload documents.');
    }
    this.assertOpen(dossier);
    if (!uploader.caller && dossier.status !== 'supplement_requested') {
      throw ProblemException.conflict(
        'supplement-not-requested',
        `With the lookup code, files are uploaded for a supplement the agency requested; the dossier is in status ${dossier.status}.`,
        { currentStatus: dossier.status },
      );
    }
    if ((await this.files.count(dossier.code, manager)) >= this.config.DOCUMENT_MAX_FILES) {
      throw ProblemException.conflict('too-many-documents', `A dossier holds at most ${this.config.DOCUMENT_MAX_FILES} documents; delete one before adding another.`, { maxDocuments: this.config.DOCUMENT_MAX_FILES });
    }
    return dossier;
  }

  private assertOpen(dossier: Dossier): void {
    if (FINAL_STATUSES.includes(dossier.status)) {
      throw ProblemException.conflict('dossier-closed', `The dossier is ${dossier.status}: its documents can no longer change.`, { currentStatus: dossier.status });
    }
  }

  /** The name of the procedure's document `requirement`; 422 naming `requirement` beyond the list. */
  private async requirementName(dossier: Dossier, requirement: number): Promise<string> {
    const received = dossier.documents.find((d) => d.requirement === requirement);
    if (received) return received.name;
    const version = await this.catalog.procedureVersion(dossier.procedureCode, dossier.procedureVersionNo);
    const listed = version.procedure.documents[requirement - 1];
    if (!listed) {
      const reason = `the procedure lists ${version.procedure.documents.length} documents`;
      throw ProblemException.unprocessable('unknown-document', `requirement: ${reason}`, [{ field: 'requirement', reason }]);
    }
    return listed.name;
  }
}
