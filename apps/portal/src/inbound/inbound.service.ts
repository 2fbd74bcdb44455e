import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  checkFileContent,
  contentProblem,
  FileContentError,
  fileNameMismatch,
  type ProblemDocument,
  ProblemException,
  type ServiceResponse,
  sniffMediaType,
  type SniffedMediaType,
} from '@onestop/platform';
import { IntakeClient } from '../clients/intake.client.js';
import { PortalConfig } from '../config.js';
import { intakeRequestOf, portalFieldOf } from '../mapping/portal-mapping.js';
import { PushesRepository } from '../pushes/pushes.repository.js';
import { PushSender } from '../pushes/push-sender.service.js';
import type { PortalInboundDossierRequest } from './inbound.dto.js';
import type { PortalInboundAnswer } from './inbound.views.js';

/** The portal's own refusal code: anything but "0". */
const REFUSED = '-1';

interface CheckedFile {
  name: string;
  bytes: Buffer;
  mediaType: SniffedMediaType;
  requirement: number | null;
}

/** A refusal in the portal's terms (error_code, message) as well as ours (problem+json, fields). */
function refusal(problem: ProblemException): ProblemException {
  const body = problem.getResponse() as Record<string, unknown>;
  const { code, title, detail, ...extensions } = body as { code: string; title: string; detail?: string };
  return new ProblemException(problem.getStatus(), code, title, detail, { ...extensions, error_code: REFUSED, message: detail ?? title });
}

/**
 * Dossiers submitted on the national portal, in its shape: each file decoded and checked as an
 * upload is (type by content, structure, active content, name, size) before anything is
 * received; then intake's online reception on the portal's behalf (its `POST /sync/dossiers`,
 * keyed on the push's content so a repeated push receives nothing twice and another content
 * under the same MaHoSo is intake's 409 `external-id-conflict`), then the files stored as the
 * dossier's documents (intake stores the same file once). Nothing of the applicant is logged.
 */
@Injectable()
export class InboundService {
  private readonly logger = new Logger('PortalInbound');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly intake: IntakeClient,
    private readonly pushes: PushesRepository,
    private readonly sender: PushSender,
    private readonly config: PortalConfig,
  ) {}

  async receive(authorization: string, request: PortalInboundDossierRequest): Promise<{ answer: PortalInboundAnswer; replayed: boolean }> {
    const files = await Promise.all(request.TepDinhKem.map((file, index) => this.checked(file, index)));
    const key = `national-portal-${createHash('sha256').update(JSON.stringify(request)).digest('hex').slice(0, 48)}`;
    const received = await this.intake.receivePortalDossier(authorization, intakeRequestOf(request), key);
    if (received.status !== 200 && received.status !== 201) throw this.relayed(received, 'reception');
    const code = received.body.code;
    for (const file of files) {
      const stored = await this.intake.storePortalFile(code, file);
      if (stored.status !== 200 && stored.status !== 201) throw this.relayed(stored, 'a file');
    }
    await this.dataSource.transaction(async (manager) => {
      const [{ first }] = (await manager.query(
        `WITH kept AS (
           INSERT INTO portal_inbound (national_code, dossier_code, files_stored) VALUES ($1, $2, true)
           ON CONFLICT (national_code) DO UPDATE SET files_stored = true WHERE portal_inbound.files_stored = false
           RETURNING 1
         ) SELECT count(*) > 0 AS first FROM kept`,
        [request.MaHoSo, code],
      )) as Array<{ first: boolean }>;
      // Its reception went out to the portal with the files stored by then; once they all are, the record goes again.
      if (first && this.config.NATIONAL_PORTAL !== 'off') await this.pushes.enqueueCurrentRecord(code, manager);
    });
    if (this.config.NATIONAL_PORTAL !== 'off') this.sender.nudgeSoon();
    return {
      replayed: received.status === 200,
      answer: {
        error_code: '0',
        message: received.status === 200 ? 'Hồ sơ đã được tiếp nhận trước đó' : 'Tiếp nhận hồ sơ thành công',
        MaHoSo: request.MaHoSo,
        MaHoSoTiepNhan: code,
        TrangThaiHoSo: String(received.body.nationalStatusCode),
        SoTepDinhKem: files.length,
      },
    };
  }

  /** The file's bytes, refused as an upload would be: 413 past the size limit, 415 not PDF/JPEG/PNG, 422 malformed, misnamed or with active content. */
  private async checked(file: PortalInboundDossierRequest['TepDinhKem'][number], index: number): Promise<CheckedFile> {
    const field = `TepDinhKem[${index}].DuLieuTepDinhKem`;
    const bytes = Buffer.from(file.DuLieuTepDinhKem, 'base64');
    if (bytes.length > this.config.NATIONAL_PORTAL_INBOUND_MAX_FILE_BYTES) {
      throw refusal(new ProblemException(413, 'file-too-large', 'Payload too large', `${field}: the file is larger than the ${this.config.NATIONAL_PORTAL_INBOUND_MAX_FILE_BYTES} bytes allowed.`, { maxBytes: this.config.NATIONAL_PORTAL_INBOUND_MAX_FILE_BYTES, errors: [{ field, reason: 'is too large' }] }));
    }
    const mediaType = sniffMediaType(bytes);
    if (!mediaType) {
      throw refusal(new ProblemException(415, 'unsupported-file-type', 'Unsupported media type', `${field}: the file is not a PDF, JPEG or PNG file; the type is told by the content, not the name.`, { errors: [{ field, reason: 'is not a PDF, JPEG or PNG file' }] }));
    }
    const mismatch = fileNameMismatch(file.TenTepDinhKem, mediaType);
    if (mismatch) throw refusal(contentProblem(`TepDinhKem[${index}].TenTepDinhKem`, new FileContentError('malformed', mismatch)));
    try {
      await checkFileContent(mediaType, bytes);
    } catch (error) {
      if (error instanceof FileContentError) throw refusal(contentProblem(field, error));
      throw error;
    }
    return { name: file.TenTepDinhKem, bytes, mediaType, requirement: file.MaThanhPhanHoSo ? Number(file.MaThanhPhanHoSo) : null };
  }

  /** Intake's refusal passed on with the fields named as the portal names them; its being unavailable a 503. */
  private relayed(response: ServiceResponse<unknown>, what: string): ProblemException {
    const problem = response.body as Partial<ProblemDocument> | string;
    if (response.status >= 400 && response.status < 500 && typeof problem === 'object' && problem.code) {
      const { type: _type, title, status: _status, code, detail, instance: _instance, requestId: _requestId, errors, ...extensions } = problem;
      const fields = errors?.map((e) => ({ field: portalFieldOf(e.field), reason: e.reason }));
      return refusal(new ProblemException(response.status, code, title ?? 'Refused', detail, { ...extensions, ...(fields ? { errors: fields } : {}) }));
    }
    this.logger.error(`intake answered ${response.status} for ${what} of a portal dossier`);
    return refusal(ProblemException.serviceUnavailable('dependency-failed', 'Intake could not answer; the portal should push the dossier again shortly.'));
  }
}
