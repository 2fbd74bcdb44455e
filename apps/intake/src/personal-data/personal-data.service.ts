import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { formatLocal } from '@onestop/domain';
import { type Caller, Clock, decodeCursor, FileStorage, type Page, type PageQuery, PeriodicTask, toPage, writeEvent } from '@onestop/platform';
import { IntakeAccess } from '../access-policy.js';
import { IntakeConfig } from '../config.js';
import type { ErasureRunView, ErasureView, ExportLogView, PersonalDataExportView, RetentionPolicyView, SaveRetentionPolicyRequest } from './personal-data.dto.js';
import { PersonalDataRepository, type RetentionPolicyRow } from './personal-data.repository.js';

/** Dossiers erased per transaction: each its own, so one failing leaves the others done. */
const ERASURE_BATCH = 100;

const policyView = (row: RetentionPolicyRow): RetentionPolicyView => ({
  fieldCode: row.field_code,
  retentionMonths: row.retention_months,
  basis: row.basis,
  updatedAt: formatLocal(new Date(row.updated_at)),
  updatedBy: row.updated_by,
});

/**
 * Retention of applicants' personal data (Decree 13/2023): a periodic round (and an
 * administrator's "now") removes the personal data of closed dossiers past their field's
 * retention, each in its own transaction with its log row and a PersonalDataErased for the
 * services holding copies, then deletes the files nothing uses any more; and a person's data
 * is given out to them, or to an officer on their written request, each export logged.
 */
@Injectable()
export class PersonalDataService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('PersonalDataRetention');
  private readonly task = new PeriodicTask('personal-data-retention', this.logger, () => this.eraseDue());

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: PersonalDataRepository,
    private readonly storage: FileStorage,
    private readonly clock: Clock,
    private readonly config: IntakeConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.task.start(this.config.PERSONAL_DATA_SWEEP_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.task.stop();
  }

  async policies(): Promise<{ items: RetentionPolicyView[] }> {
    return { items: (await this.repository.policies()).map(policyView) };
  }

  async savePolicy(caller: Caller, fieldCode: string, request: SaveRetentionPolicyRequest): Promise<RetentionPolicyView> {
    return policyView(await this.repository.savePolicy(fieldCode, request.retentionMonths, request.basis, caller.subject, this.clock.now()));
  }

  /** Erases every dossier due by the services' clock, a batch at a time. */
  async eraseDue(): Promise<ErasureRunView> {
    const erased: string[] = [];
    let filesRemoved = 0;
    for (;;) {
      const now = this.clock.now();
      let round: string[] = [];
      let keys: string[] = [];
      await this.dataSource.transaction(async (manager) => {
        round = [];
        keys = [];
        for (const due of await this.repository.due(now, ERASURE_BATCH, manager)) {
          keys.push(...(await this.repository.erase(due, now, manager)));
          await writeEvent(manager, 'PersonalDataErased', { dossierCode: due.code, erasedAt: now.toISOString() });
          round.push(due.code);
        }
      });
      // After the commit: a file deleted before it would be lost should the transaction fail.
      for (const key of keys) await this.storage.delete(key).catch((error: unknown) => this.logger.error(`the file ${key} of an erased dossier remains: ${String(error)}`));
      erased.push(...round);
      filesRemoved += keys.length;
      if (round.length < ERASURE_BATCH) break;
    }
    if (erased.length > 0) this.logger.log(`removed the personal data of ${erased.length} closed dossiers past their retention (${filesRemoved} files)`);
    return { erased, filesRemoved };
  }

  async erasures(query: PageQuery): Promise<Page<ErasureView>> {
    const after = query.cursor ? decodeCursor(query.cursor, { at: 'string', code: 'string' }) : undefined;
    const rows = await this.repository.erasures(query.limit + 1, after);
    const page = toPage(rows, query.limit, (last) => ({ at: new Date(last.erased_at).toISOString(), code: last.dossier_code }));
    return {
      items: page.items.map((r) => ({ dossierCode: r.dossier_code, closedAt: formatLocal(new Date(r.closed_at)), retentionMonths: r.retention_months, erasedAt: formatLocal(new Date(r.erased_at)), filesRemoved: r.files_removed })),
      nextCursor: page.nextCursor,
    };
  }

  async exports(query: PageQuery): Promise<Page<ExportLogView>> {
    const after = query.cursor ? decodeCursor(query.cursor, { at: 'string', id: 'string' }) : undefined;
    const rows = await this.repository.exports(query.limit + 1, after);
    const page = toPage(rows, query.limit, (last) => ({ at: new Date(last.at).toISOString(), id: last.id }));
    return {
      items: page.items.map((r) => ({ id: r.id, at: formatLocal(new Date(r.at)), actor: r.actor, actorRole: r.actor_role, idNumberSha256: r.id_number_sha256, requestReference: r.request_reference, dossiers: r.dossiers })),
      nextCursor: page.nextCursor,
    };
  }

  /** The signed-in citizen's data: the dossiers of their account. */
  async exportOwn(caller: Caller, reason: string | null): Promise<PersonalDataExportView> {
    const dossiers = await this.repository.dossiersOf({ ownerSubject: caller.subject });
    return this.logged(caller, 'citizen', null, reason, dossiers);
  }

  /** A person's data on their written request, as far as the officer's agencies received it. */
  async exportOnRequest(caller: Caller, idNumber: string, requestReference: string): Promise<PersonalDataExportView> {
    const agencies = IntakeAccess.exportPersonalDataOnRequest.agenciesOf(caller);
    const dossiers = await this.repository.dossiersOf({ idNumber, agencies });
    const role = caller.roles.includes('admin') ? 'admin' : 'reception';
    return this.logged(caller, role, createHash('sha256').update(idNumber).digest('hex'), requestReference, dossiers);
  }

  private async logged(caller: Caller, role: string, idNumberSha256: string | null, requestReference: string | null, dossiers: Array<Record<string, unknown>>): Promise<PersonalDataExportView> {
    const at = this.clock.now();
    await this.repository.logExport({ id: randomUUID(), at, actor: caller.subject, actor_role: role, id_number_sha256: idNumberSha256, request_reference: requestReference, dossiers: dossiers.length });
    return { exportedAt: formatLocal(at), dossiers };
  }
}
