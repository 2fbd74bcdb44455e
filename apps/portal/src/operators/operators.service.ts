import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { formatLocal } from '@onestop/domain';
import { ProblemException } from '@onestop/platform';
import { IntakeClient } from '../clients/intake.client.js';
import { PortalConfig } from '../config.js';
import { PushSender } from '../pushes/push-sender.service.js';
import { type PushTarget, PushesRepository } from '../pushes/pushes.repository.js';
import { SimulatedPortalRepository } from '../adapters/simulated-portal.repository.js';
import { type DossierSyncView, pushView, type RepushView, type SimulatedCallsView, type SyncSummaryView, type TargetTotalsView } from './operators.views.js';

/** What operators see of the pushes, and their re-push of a dossier or a day. */
@Injectable()
export class OperatorsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly pushes: PushesRepository,
    private readonly sender: PushSender,
    private readonly book: SimulatedPortalRepository,
    private readonly intake: IntakeClient,
    private readonly config: PortalConfig,
  ) {}

  async dossier(code: string): Promise<DossierSyncView> {
    const [row, pushes] = await Promise.all([this.pushes.dossier(code), this.pushes.ofDossier(code)]);
    if (!row && pushes.length === 0) throw ProblemException.notFound('dossier-not-pushed', `Nothing of ${code} was queued for the national portal.`);
    return {
      dossierCode: code,
      knownToPortal: row?.known_to_portal ?? false,
      lastPushedStatus: row?.last_pushed_status ?? null,
      lastPushedAt: row?.last_pushed_at ? formatLocal(new Date(row.last_pushed_at)) : null,
      synchronisedAt: row?.synchronised_at ? formatLocal(new Date(row.synchronised_at)) : null,
      pending: pushes.filter((p) => p.state === 'pending').length,
      failed: pushes.filter((p) => p.state === 'failed').length,
      pushes: pushes.map(pushView),
    };
  }

  async summary(): Promise<SyncSummaryView> {
    const [totals, dossiers, failures] = await Promise.all([this.pushes.totals(), this.pushes.dossierTotals(), this.pushes.recentFailures(50)]);
    const of = (target: PushTarget): TargetTotalsView => {
      const n = (state: string) => totals.find((t) => t.target === target && t.state === state)?.n ?? 0;
      const oldest = totals.find((t) => t.target === target && t.state === 'pending')?.oldest ?? null;
      return { pending: n('pending'), failed: n('failed'), sent: n('sent'), oldestPendingAt: oldest ? formatLocal(new Date(oldest)) : null };
    };
    return { nationalPortal: this.config.NATIONAL_PORTAL, emc: this.config.EMC, portalPushes: of('portal'), emcReports: of('emc'), ...dossiers, failures: failures.map(pushView) };
  }

  async repushDossier(code: string): Promise<RepushView> {
    this.requireOn();
    if (!(await this.pushes.dossier(code)) && !(await this.intake.nationalRecord(code))) throw ProblemException.notFound('dossier-not-found', `No dossier ${code}.`);
    return this.repush([code]);
  }

  async repushDay(day: string): Promise<RepushView> {
    this.requireOn();
    return this.repush(await this.pushes.receivedOn(day));
  }

  async simulatedCalls(dossierCode: string | undefined): Promise<SimulatedCallsView> {
    if (this.config.NATIONAL_PORTAL !== 'simulated' && this.config.EMC !== 'simulated') throw ProblemException.notFound('portal-not-simulated', 'Neither the national portal nor EMC is the simulated one.');
    const rows = await this.book.calls(dossierCode, 200);
    return {
      items: rows.map((r) => ({ id: String(r.id), target: r.target, service: r.service, dossierCode: r.dossier_code, body: r.body, answer: r.answer, receivedAt: formatLocal(new Date(r.received_at)) })),
    };
  }

  /** Parked pushes go back in the queue, and each dossier's record is pushed once more as it is now. */
  private async repush(codes: string[]): Promise<RepushView> {
    const requeued = await this.dataSource.transaction(async (manager) => {
      const count = codes.length > 0 ? await this.pushes.requeueFailed(codes, manager) : 0;
      for (const code of codes) await this.pushes.enqueueCurrentRecord(code, manager);
      return count;
    });
    this.sender.nudgeSoon();
    return { dossiers: codes.length, requeued };
  }

  private requireOn(): void {
    if (this.config.NATIONAL_PORTAL === 'off') throw ProblemException.conflict('national-portal-off', 'The national portal connector is off (NATIONAL_PORTAL=off): nothing can be pushed.');
  }
}
