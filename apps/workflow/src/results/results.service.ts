import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { type Actor, formatLocal } from '@onestop/domain';
import {
  type Caller,
  Clock,
  FileStorage,
  ProblemException,
  renderFormPdf,
  ResultSigner,
  SignerRefusedError,
  SignerUnavailableError,
  signPdf,
  StoredFileNotFoundError,
  verifyPdfSignature,
  vietnameseDateTime,
  writeEvent,
} from '@onestop/platform';
import { WorkflowAccess } from '../access-policy.js';
import { WorkflowCatalogClient } from '../clients/catalog.client.js';
import { WorkflowConfig } from '../config.js';
import type { Case } from '../cases/case.entity.js';
import { CasesRepository } from '../cases/cases.repository.js';
import { OfficersService } from '../officers/officers.service.js';
import { resultTemplate } from './result-document.js';
import { toResultView, toSignatureCheckView, type ElectronicResultView, type ResultVerificationView } from './result.views.js';
import { type ElectronicResultRow, type NewElectronicResult, ResultsRepository } from './results.repository.js';
import { TrustedAuthorities } from './result-signer.provider.js';

/** The result document an officer attached (already checked to be a well-formed PDF without active content). */
export interface AttachedResult {
  pdf: Buffer;
  fileName?: string;
}

/** What the result says, from the officer's request. */
export interface ResultContent {
  documentNumber: string;
  summary?: string;
}

/** A result signed and stored, waiting to be recorded in the transaction of its case's action. */
export type PreparedResult = NewElectronicResult;

// Crockford's base32: no I, L, O, U, so a code read off paper is typed back right.
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const VERIFICATION_CODE_PATTERN = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

/** 12 random characters (60 bits) in three groups: `K7QX-2M9P-4TRA`. */
function newVerificationCode(): string {
  const bytes = randomBytes(12);
  const chars = [...bytes].map((byte) => CODE_ALPHABET[byte & 31]);
  return [chars.slice(0, 4), chars.slice(4, 8), chars.slice(8, 12)].map((group) => group.join('')).join('-');
}

const FALLBACK_SIGNER_TITLE = 'Thủ trưởng cơ quan';

/**
 * Electronic results (Decree 45/2020): the result document, attached by the officer or rendered
 * from the template, signed with the issuing agency's key as a PAdES signature with a visible
 * stamp and a QR code to the verification page, kept with its SHA-256, announced
 * (ElectronicResultIssued) in the transaction of the action that issues it, verifiable by anyone,
 * and revocable (a replacement is issued after the revocation; the revoked one stays verifiable).
 */
@Injectable()
export class ResultsService {
  private readonly logger = new Logger('Results');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly results: ResultsRepository,
    private readonly cases: CasesRepository,
    private readonly storage: FileStorage,
    private readonly signer: ResultSigner,
    private readonly trusted: TrustedAuthorities,
    private readonly catalog: WorkflowCatalogClient,
    private readonly officers: OfficersService,
    private readonly config: WorkflowConfig,
    private readonly clock: Clock,
  ) {}

  /** 409 `result-already-issued` when the dossier has a result in force. */
  async assertNoneInForce(code: string, manager?: EntityManager): Promise<void> {
    const current = await this.results.inForce(code, manager);
    if (current) {
      throw ProblemException.conflict('result-already-issued', `The dossier ${code} has an electronic result in force (${current.verification_code}); revoke it before issuing another.`, {
        resultId: current.id,
      });
    }
  }

  /**
   * Signs the result and stores it, before the transaction that records it: the signature may
   * take a remote service's round trips, which no database lock should wait on. The caller
   * records it (`record`) or, if its transaction fails, discards it (`discard`).
   */
  async prepare(c: Case, content: ResultContent, issuer: Actor, attached?: AttachedResult, replacesId: string | null = null): Promise<PreparedResult> {
    const issuedAt = this.clock.now();
    const agencyCode = c.competentAgencyCode;
    const [agencyName, signerTitle] = await Promise.all([this.catalog.unitName(agencyCode), this.signerTitle(c, issuer)]);
    const agency = agencyName ?? agencyCode;
    const verificationCode = newVerificationCode();
    const source = attached
      ? attached.pdf
      : await renderFormPdf(resultTemplate({ agencyName: agency, dossierCode: c.dossierCode, procedureName: c.procedureName, documentNumber: content.documentNumber, summary: content.summary ?? null, signerTitle, issuedAt }));
    const signed = await this.sign(source, {
      agencyCode,
      agencyName: agency,
      signerTitle,
      signedAt: issuedAt,
      dossierCode: c.dossierCode,
      verificationCode,
      verificationUrl: `${this.config.RESULT_VERIFY_URL}?code=${verificationCode}`,
    });
    // Our own verifier checks what the signer gave back, so nothing is issued that /results/verify would call not genuine.
    const check = verifyPdfSignature(signed, await this.trusted.certificates());
    if (!check.intact || !check.signatureValid || !check.coversWholeFile || !check.trusted) {
      this.logger.error(`the signature for ${c.dossierCode} does not verify: ${check.problem}`);
      throw new ProblemException(502, 'signing-failed', 'Bad gateway', `The signature the signer returned does not verify: ${check.problem}.`);
    }
    const id = randomUUID();
    const storageKey = `workflow/results/${c.dossierCode}/${id}.pdf`;
    const stored = await this.storage.put(storageKey, signed, { contentType: 'application/pdf' });
    return {
      id,
      dossier_code: c.dossierCode,
      agency_code: agencyCode,
      agency_name: agency,
      document_number: content.documentNumber,
      summary: content.summary ?? null,
      source: attached ? 'attached' : 'template',
      storage_key: storageKey,
      file_name: `ket-qua-${c.dossierCode}.pdf`,
      size_bytes: stored.size,
      sha256: stored.sha256,
      verification_code: verificationCode,
      signer_title: signerTitle,
      signer_subject: check.signerSubject ?? '',
      signer_fingerprint: check.signerFingerprint ?? '',
      issued_by: issuer.subject,
      issued_at: issuedAt,
      replaces_id: replacesId,
    };
  }

  /** Records a prepared result and announces it, in the transaction of its case's action. */
  async record(manager: EntityManager, prepared: PreparedResult): Promise<void> {
    try {
      await this.results.insert(prepared, manager);
    } catch (error) {
      // Two officers issuing at once: the one-in-force index lets exactly one of them through.
      if ((error as { code?: string; driverError?: { code?: string } }).driverError?.code === '23505' || (error as { code?: string }).code === '23505') {
        throw ProblemException.conflict('result-already-issued', `The dossier ${prepared.dossier_code} has an electronic result in force; revoke it before issuing another.`);
      }
      throw error;
    }
    await writeEvent(manager, 'ElectronicResultIssued', {
      resultId: prepared.id,
      dossierCode: prepared.dossier_code,
      agencyCode: prepared.agency_code,
      documentNumber: prepared.document_number,
      summary: prepared.summary,
      fileName: prepared.file_name,
      sizeBytes: prepared.size_bytes,
      sha256: prepared.sha256,
      verificationCode: prepared.verification_code,
      issuedAt: prepared.issued_at.toISOString(),
      replacesResultId: prepared.replaces_id,
    });
  }

  /** The stored file of a result whose transaction failed. */
  async discard(prepared: PreparedResult): Promise<void> {
    await this.storage.delete(prepared.storage_key).catch((failure: unknown) => this.logger.error(`could not remove ${prepared.storage_key} after a failed issue: ${String(failure)}`));
  }

  /** The dossier's electronic results, for the officers who may read its case. */
  async list(caller: Caller, code: string): Promise<ElectronicResultView[]> {
    await this.readableCase(caller, code);
    return (await this.results.ofDossier(code)).map(toResultView);
  }

  /**
   * A replacement for a revoked result (the case already has its result: no status changes),
   * by an officer who may manage the case's results, with the corrected document attached.
   */
  async replace(caller: Caller, code: string, content: ResultContent, attached: AttachedResult | undefined): Promise<ElectronicResultView> {
    const c = await this.manageableCase(caller, code);
    const revoked = await this.replaceable(code);
    const prepared = await this.prepare(c, content, await this.actorOf(caller), attached, revoked.id);
    try {
      await this.dataSource.transaction(async (manager) => {
        await this.cases.locked(code, manager);
        await this.assertNoneInForce(code, manager);
        await this.record(manager, prepared);
      });
    } catch (error) {
      await this.discard(prepared);
      throw error;
    }
    return toResultView((await this.results.find(prepared.id))!);
  }

  /** Whether the dossier's results were all revoked (the next one is a replacement, not the case's `issue_result`). */
  async hasRevokedOnly(code: string): Promise<boolean> {
    const all = await this.results.ofDossier(code);
    return all.length > 0 && all.every((row) => row.revoked_at !== null);
  }

  /** Revokes a result in force (thu hồi), with the reason; it stays verifiable as revoked. */
  async revoke(caller: Caller, code: string, id: string, reason: string): Promise<ElectronicResultView> {
    await this.manageableCase(caller, code);
    await this.dataSource.transaction(async (manager) => {
      await this.cases.locked(code, manager);
      const row = await this.results.find(id, manager);
      if (!row || row.dossier_code !== code) throw ProblemException.notFound('result-not-found', `No electronic result ${id} for dossier ${code}.`);
      if (row.revoked_at) throw ProblemException.conflict('result-already-revoked', `The result ${row.verification_code} was revoked already.`);
      const at = this.clock.now();
      await this.results.revoke(id, at, caller.subject, reason, manager);
      await writeEvent(manager, 'ElectronicResultRevoked', { resultId: id, dossierCode: code, agencyCode: row.agency_code, revokedAt: at.toISOString(), reason });
    });
    return toResultView((await this.results.find(id))!);
  }

  /** Public: what the result with this verification code is (404 for an unknown code). */
  async verifyCode(code: string): Promise<ResultVerificationView> {
    const row = await this.results.byCode(code);
    if (!row) throw ProblemException.notFound('result-not-found', `No electronic result has the verification code ${code}.`);
    const check = verifyPdfSignature(await this.bytes(row), await this.trusted.certificates());
    return this.verdict(row, check);
  }

  /** Public: whether the uploaded file is a result this system issued, untouched since it was signed. */
  async verifyFile(file: Buffer): Promise<ResultVerificationView> {
    const check = verifyPdfSignature(file, await this.trusted.certificates());
    const row = await this.results.bySha256(createHash('sha256').update(file).digest('hex'));
    return this.verdict(row, check);
  }

  /** The in-force result of a dossier, for intake (the applicant's download). */
  async inForce(code: string): Promise<{ row: ElectronicResultRow; content: Buffer } | undefined> {
    const row = await this.results.inForce(code);
    return row ? { row, content: await this.bytes(row) } : undefined;
  }

  /** One result and its bytes, for intake (the applicant's store). */
  async byId(id: string): Promise<{ row: ElectronicResultRow; content: Buffer } | undefined> {
    const row = await this.results.find(id);
    return row ? { row, content: await this.bytes(row) } : undefined;
  }

  private verdict(row: ElectronicResultRow | undefined, check: ReturnType<typeof verifyPdfSignature>): ResultVerificationView {
    const sound = check.signed && check.intact && check.signatureValid && check.coversWholeFile && check.trusted;
    const genuine = sound && row !== undefined;
    const status = !genuine ? 'not_genuine' : row.revoked_at ? 'revoked' : 'in_force';
    const problem = !genuine ? (check.problem ?? 'the file is not a result this system issued') : undefined;
    const when = row ? vietnameseDateTime(formatLocal(new Date(row.issued_at))) : '';
    const verdict = !genuine
      ? 'Văn bản không xác thực được: không phải kết quả do hệ thống ban hành, hoặc đã bị thay đổi sau khi ký số.'
      : status === 'revoked'
        ? `Văn bản do ${row.agency_name} ký số lúc ${when}, đã bị thu hồi${row.revocation_reason ? `: ${row.revocation_reason}` : ''}.`
        : `Văn bản điện tử hợp lệ, do ${row.agency_name} ký số lúc ${when}, đang có hiệu lực.`;
    // A file that is not genuine says nothing of the result it may imitate.
    const shown = genuine ? row : undefined;
    return {
      genuine,
      status,
      verdict,
      ...(problem ? { problem } : {}),
      dossierCode: shown?.dossier_code ?? null,
      documentNumber: shown?.document_number ?? null,
      agencyCode: shown?.agency_code ?? null,
      agencyName: shown?.agency_name ?? null,
      issuedAt: shown ? formatLocal(new Date(shown.issued_at)) : null,
      verificationCode: shown?.verification_code ?? null,
      revokedAt: shown?.revoked_at ? formatLocal(new Date(shown.revoked_at)) : null,
      revocationReason: shown?.revocation_reason ?? null,
      replacedBy: shown?.replaced_by_code ?? null,
      signature: toSignatureCheckView(check),
    };
  }

  private async bytes(row: ElectronicResultRow): Promise<Buffer> {
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of await this.storage.get(row.storage_key)) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    } catch (error) {
      if (!(error instanceof StoredFileNotFoundError)) throw error;
      this.logger.error(`result ${row.id} of ${row.dossier_code} has no stored file under ${row.storage_key}`);
      throw new ProblemException(500, 'document-content-missing', 'Internal error', 'The result\'s file cannot be found; this has been logged under the request id.');
    }
  }

  private async sign(pdf: Buffer, stamp: Parameters<typeof signPdf>[1]): Promise<Buffer> {
    try {
      return await signPdf(pdf, stamp, this.signer);
    } catch (error) {
      if (error instanceof SignerRefusedError) throw ProblemException.conflict('signing-refused', `The result cannot be signed: ${error.message}.`);
      if (error instanceof SignerUnavailableError) {
        this.logger.warn(`signing for ${stamp.dossierCode} failed: ${error.message}`);
        throw ProblemException.serviceUnavailable('signing-unavailable', 'The signing service did not sign in time; try again shortly.').withRetryAfter(5);
      }
      if (error instanceof ProblemException) throw error;
      // pdf-lib could not rewrite the attached file (a structure it does not read).
      this.logger.warn(`the attached result of ${stamp.dossierCode} cannot be signed: ${error instanceof Error ? error.message : String(error)}`);
      throw ProblemException.unprocessable('result-not-signable', 'file: the PDF cannot be signed; export it again and attach it.', [{ field: 'file', reason: 'the PDF cannot be rewritten to carry a signature' }]);
    }
  }

  /** The title on the stamp: the approving leader's, as the officer directory has it, else the issuing officer's. */
  private async signerTitle(c: Case, issuer: Actor): Promise<string> {
    const approver = [...c.steps].reverse().find((step) => step.kind === 'approve' && step.officer)?.officer;
    const listed = approver ? await this.officers.known(this.dataSource.manager, approver) : undefined;
    return listed?.title ?? (approver ? 'Lãnh đạo' : (issuer.title ?? FALLBACK_SIGNER_TITLE));
  }

  private async actorOf(caller: Caller): Promise<Actor> {
    const listed = await this.officers.known(this.dataSource.manager, caller.subject);
    return { subject: caller.subject, name: listed?.name ?? caller.name ?? caller.subject, title: listed?.title ?? null };
  }

  private async readableCase(caller: Caller, code: string): Promise<Case> {
    const c = await this.cases.find(code);
    if (!c || !WorkflowAccess.readCase.allows(caller, c)) throw ProblemException.notFound('case-not-found', `No case ${code} for your agencies.`);
    return c;
  }

  /** The case, if the caller may revoke and replace its results (404 if they may not see it, 403 if they see it only). */
  private async manageableCase(caller: Caller, code: string): Promise<Case> {
    const c = await this.readableCase(caller, code);
    if (!WorkflowAccess.manageResults.allows(caller, c)) {
      throw new ProblemException(403, 'not-result-issuer', 'Forbidden', 'Only a leader or one-stop officer of the issuing agency revokes or replaces its results.');
    }
    return c;
  }

  private async replaceable(code: string): Promise<ElectronicResultRow> {
    const all = await this.results.ofDossier(code);
    if (all.some((row) => row.revoked_at === null)) await this.assertNoneInForce(code);
    const revoked = all.filter((row) => row.revoked_at !== null).pop();
    if (!revoked) {
      throw ProblemException.conflict('result-not-replaceable', `The dossier ${code} has no revoked electronic result to replace; the first result is issued with the case's issue_result action.`);
    }
    return revoked;
  }
}
