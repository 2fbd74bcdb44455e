import { Controller, HttpCode, Param, Post, Req, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { randomUUID } from 'node:crypto';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { FINAL_STATUSES } from '@onestop/domain';
import { Clock, FileStorage, fileNameForType, ProblemException, receiveUpload, ServiceTokenGuard } from '@onestop/platform';
import { IntakeConfig } from '../config.js';
import { DOCUMENT_MEDIA_TYPES } from '../documents/document.views.js';
import { DossierFilesRepository } from '../documents/dossier-files.repository.js';
import { DossiersRepository } from '../dossiers/dossiers.repository.js';

/** Who the portal's files are recorded as uploaded by. */
const NATIONAL_PORTAL_SUBJECT = 'national_portal';

/**
 * For the national portal connector (service credential only, never routed by the gateway): a
 * file the portal sent with a dossier submitted on it, stored as the dossier's document after
 * the same checks as an upload (type by content, the whole file's structure, active content,
 * size; `multipart/form-data` with `file` and an optional `requirement`). The same file again
 * (same name and bytes: the portal pushed the dossier twice) answers the document stored.
 */
@ApiExcludeController()
@Controller('internal/dossiers')
@UseGuards(ServiceTokenGuard)
export class PortalDocumentsController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly dossiers: DossiersRepository,
    private readonly files: DossierFilesRepository,
    private readonly storage: FileStorage,
    private readonly config: IntakeConfig,
    private readonly clock: Clock,
  ) {}

  @Post(':code/national-portal/documents')
  @HttpCode(201)
  async store(@Param('code') code: string, @Req() request: Request): Promise<{ id: string; fileName: string; replayed: boolean }> {
    const dossier = await this.dossiers.find(code);
    if (!dossier) throw ProblemException.notFound('dossier-not-found', `No dossier ${code}.`);
    if (dossier.source !== 'national_portal') throw ProblemException.conflict('not-a-portal-dossier', `The dossier ${code} was not pushed by the national portal.`);
    if (FINAL_STATUSES.includes(dossier.status)) throw ProblemException.conflict('dossier-closed', `The dossier is ${dossier.status}: its documents can no longer change.`, { currentStatus: dossier.status });
    const id = randomUUID();
    const key = `intake/dossiers/${dossier.code}/${id}`;
    try {
      const upload = await receiveUpload(
        request,
        { fileField: 'file', textFields: ['requirement'], maxFileBytes: this.config.DOCUMENT_MAX_BYTES, mediaTypes: DOCUMENT_MEDIA_TYPES },
        (content, file) => this.storage.put(key, content, { contentType: file.mediaType }),
      );
      const requirement = upload.fields.requirement === undefined ? null : Number(upload.fields.requirement);
      if (requirement !== null && (!Number.isInteger(requirement) || requirement < 1 || requirement > 200)) {
        throw ProblemException.badRequest('validation-failed', 'requirement must be a document position 1-200', [{ field: 'requirement', reason: 'must be an integer 1-200' }]);
      }
      const fileName = fileNameForType(upload.file.fileName, upload.file.mediaType, 'tai-lieu');
      const outcome = await this.dataSource.transaction(async (manager) => {
        await manager.query(`SELECT 1 FROM dossiers WHERE code = $1 FOR UPDATE`, [dossier.code]);
        const [same] = (await manager.query(`SELECT id FROM dossier_files WHERE dossier_code = $1 AND file_name = $2 AND sha256 = $3`, [dossier.code, fileName, upload.file.stored.sha256])) as Array<{ id: string }>;
        if (same) return { id: same.id, replayed: true };
        if ((await this.files.count(dossier.code, manager)) >= this.config.DOCUMENT_MAX_FILES) {
          throw ProblemException.conflict('too-many-documents', `A dossier holds at most ${this.config.DOCUMENT_MAX_FILES} documents.`, { maxDocuments: this.config.DOCUMENT_MAX_FILES });
        }
        const listed = requirement === null ? undefined : dossier.documents.find((d) => d.requirement === requirement);
        await this.files.insert(
          {
            id,
            dossierCode: dossier.code,
            storageKey: key,
            fileName,
            mediaType: upload.file.mediaType,
            sizeBytes: upload.file.stored.size,
            sha256: upload.file.stored.sha256,
            requirement,
            requirementName: listed?.name ?? null,
            title: null,
            uploadedBy: NATIONAL_PORTAL_SUBJECT,
            uploadedByName: 'Cổng Dịch vụ công quốc gia',
            uploadedAt: this.clock.now(),
          },
          manager,
        );
        return { id, replayed: false };
      });
      if (outcome.replayed) await this.storage.delete(key);
      return { ...outcome, fileName };
    } catch (error) {
      await this.storage.delete(key).catch(() => undefined);
      throw error;
    }
  }
}
