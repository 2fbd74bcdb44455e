import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { DossierStatus } from '@onestop/domain';
import { Clock, DrainLoop, jitteredBackoff, writeEvent } from '@onestop/platform';
import { MonitoringSystem, NationalPortal, PortalUnavailableError } from '../adapters/national-portal.js';
import { CatalogClient } from '../clients/catalog.client.js';
import { IntakeClient } from '../clients/intake.client.js';
import { PortalConfig } from '../config.js';
import { NationalStatusTable } from '../mapping/national-status.js';
import {
  alreadyExists,
  type DossierPushSnapshot,
  emcReport,
  type EmcPushSnapshot,
  PORTAL_SERVICES,
  type PortalAnswer,
  portalDossier,
  portalHasDossier,
  portalProgress,
  type ProgressPushSnapshot,
  succeeded,
} from '../mapping/portal-mapping.js';
import { type PushRow, PushesRepository } from './pushes.repository.js';

const BATCH_SIZE = 20;

/** The portal answered and refused: counted towards parking, with its message. */
class PortalRefusal extends Error {
  override readonly name = 'PortalRefusal';
}

/**
 * The connector's sender: claims the head push of each dossier's chain (so a dossier's calls
 * arrive in order), reads what the call needs at send time (the dossier's record from intake,
 * names from catalog), calls the portal or EMC, and marks the push sent. The portal being
 * unreachable postpones it with back-off for as long as it takes; a refusal is retried and,
 * after NATIONAL_PORTAL_MAX_ATTEMPTS, parked with the portal's message for an operator, holding
 * back the dossier's later pushes. Nothing of a dossier's personal data is logged: only codes,
 * services and the portal's messages.
 */
@Injectable()
export class PushSender implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('PortalPushes');
  private readonly statuses: NationalStatusTable;
  private readonly loop = new DrainLoop({
    name: 'portal-pushes',
    roundName: 'push round',
    logger: this.logger,
    batchSize: BATCH_SIZE,
    soonMs: 20,
    pollMs: () => this.config.NATIONAL_PORTAL_POLL_MS,
    round: () => this.sendDue(),
  });

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly pushes: PushesRepository,
    private readonly portal: NationalPortal,
    private readonly emc: MonitoringSystem,
    private readonly intake: IntakeClient,
    private readonly catalog: CatalogClient,
    private readonly config: PortalConfig,
    private readonly clock: Clock,
  ) {
    this.statuses = new NationalStatusTable(config.NATIONAL_PORTAL_STATUS_MAP);
  }

  onApplicationBootstrap(): void {
    if (this.config.NATIONAL_PORTAL !== 'off' || this.config.EMC !== 'off') this.loop.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }

  nudgeSoon(): void {
    this.loop.nudge();
  }

  /** One round: claims the due heads and sends them, each chain's in turn. Returns how many were claimed. */
  async sendDue(): Promise<number> {
    // A lease long enough for a lookup, a push and its repeat after a renewed session.
    const leaseSeconds = Math.ceil((this.config.NATIONAL_PORTAL_TIMEOUT_MS * 6 + this.config.HTTP_TIMEOUT_MS * 2) / 1000) + 5;
    const claimed = await this.pushes.claimDue(BATCH_SIZE, leaseSeconds);
    await Promise.all(claimed.map((push) => this.send(push)));
    return claimed.length;
  }

  private async send(push: PushRow): Promise<void> {
    try {
      await this.deliver(push);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      const refused = error instanceof PortalRefusal;
      if (refused && push.attempts + 1 >= this.config.NATIONAL_PORTAL_MAX_ATTEMPTS) {
        this.logger.error(`${push.service} of ${push.dossier_code} parked after ${push.attempts + 1} refusals: ${why}`);
        await this.pushes.park(push.id, why.slice(0, 1000));
        return;
      }
      if (!refused && !(error instanceof PortalUnavailableError)) this.logger.error(`${push.service} of ${push.dossier_code} failed: ${why}`);
      const delayMs = jitteredBackoff(push.attempts, this.config.NATIONAL_PORTAL_MAX_BACKOFF_MS);
      this.logger.warn(`${push.service} of ${push.dossier_code} not taken (attempt ${push.attempts + 1}), retry in ${delayMs} ms: ${why}`);
      await this.pushes.postpone(push.id, delayMs / 1000, why.slice(0, 1000));
    }
  }

  private async deliver(push: PushRow): Promise<void> {
    if (push.target === 'emc') {
      const queued = push.snapshot as unknown as EmcPushSnapshot;
      // Whether the portal sent the dossier is intake's to say (its externalId), not the event's.
      const record = await this.intake.nationalRecord(push.dossier_code);
      const level = await this.catalog.onlineLevel(record?.procedureCode ?? queued.procedureCode);
      // The dossier's facts as intake holds them (a status change may have been queued before its reception was known here).
      const snapshot: EmcPushSnapshot = record
        ? { ...queued, procedureCode: record.procedureCode, procedureName: record.procedureName, channel: record.channel, byPost: record.resultDelivery === 'post', fromNationalPortal: record.externalId !== null }
        : queued;
      this.expectSuccess(await this.emc.report(emcReport(push.dossier_code, snapshot, this.config.EMC_SITE_ID, level)));
      await this.dataSource.transaction((manager) => this.pushes.markSent(push.id, manager));
      return;
    }
    if (push.service === PORTAL_SERVICES.progress) {
      const step = push.snapshot as unknown as ProgressPushSnapshot;
      this.expectSuccess(await this.portal.call(PORTAL_SERVICES.progress, { data: [portalProgress(push.dossier_code, step, this.statuses)] }));
      await this.dataSource.transaction((manager) => this.pushes.markSent(push.id, manager));
      return;
    }
    await this.pushDossier(push);
  }

  /** DongBoHoSoMC: asks TraCuuHoSo first while the portal is not known to have the dossier; "already exists" turns it into an update. */
  private async pushDossier(push: PushRow): Promise<void> {
    const snapshot = push.snapshot as unknown as DossierPushSnapshot;
    const record = await this.intake.nationalRecord(push.dossier_code);
    if (!record) throw new PortalRefusal(`intake has no dossier ${push.dossier_code}`);
    const known = await this.pushes.dossier(push.dossier_code);
    const [fieldName] = await Promise.all([this.catalog.fieldName(record.fieldCode)]);
    const entry = portalDossier(record, snapshot, { fieldName, results: known?.results ?? [], fileBaseUrl: this.config.NATIONAL_PORTAL_FILE_BASE_URL, statuses: this.statuses });
    let updating = known?.known_to_portal ?? false;
    if (!updating) {
      const lookup = await this.portal.call(PORTAL_SERVICES.lookup, { mahoso: push.dossier_code });
      this.expectSuccess(lookup);
      updating = portalHasDossier(lookup);
    }
    let answer = await this.portal.call(PORTAL_SERVICES.dossier, { isUpdating: updating ? 'True' : 'False', data: [entry] });
    if (!updating && alreadyExists(answer)) {
      await this.pushes.markKnownToPortal(push.dossier_code);
      answer = await this.portal.call(PORTAL_SERVICES.dossier, { isUpdating: 'True', data: [entry] });
    }
    this.expectSuccess(answer);
    const status = (snapshot.status ?? record.status) as DossierStatus;
    const nationalStatus = this.statuses.codeOf(status);
    await this.dataSource.transaction(async (manager) => {
      await this.pushes.markSent(push.id, manager);
      const first = await this.pushes.recordPushed(push.dossier_code, nationalStatus, manager);
      if (!first) return;
      await writeEvent(manager, 'DossierSynchronised', {
        dossierCode: push.dossier_code,
        receivingAgencyCode: record.receivingAgencyCode,
        receivedAt: record.receivedAt,
        synchronisedAt: this.clock.now().toISOString(),
        nationalStatusCode: nationalStatus,
      });
    });
  }

  private expectSuccess(answer: PortalAnswer): void {
    if (!succeeded(answer)) throw new PortalRefusal(`error_code ${answer.errorCode || 'none'}${answer.message ? `: ${answer.message}` : ''}`);
  }
}
