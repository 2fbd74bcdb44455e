import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type DossierStatus, dossierStatusChangedOf, type DossierStatusChangedV1, type DossierStatusChangedV2, type EventEnvelope } from '@onestop/domain';
import { HandleEvent } from '@onestop/platform';
import { DossierHistoryRepository } from '../dossiers/dossier-history.repository.js';
import { DossiersRepository } from '../dossiers/dossiers.repository.js';

/** Statuses in which the clock stands still, waiting for the applicant. */
const CLOCK_STOPPED: readonly DossierStatus[] = ['supplement_requested', 'payment_requested'];


/**
 * Keeps each dossier's current status and progress from workflow's events, for the applicant,
 * the officers, the lookup and the national portal's feed. Every change joins the progress; the
 * current status moves only forward in workflow's sequence, so a late redelivery cannot undo it.
 * With the status come what a supplement request asks for (so the applicant's answer is taken
 * against it), when the clock stopped for the applicant, and the apology (form 04).
 */
@Injectable()
export class DossierStatusHandler {
  private readonly logger = new Logger('DossierStatus');

  constructor(
    private readonly dossiers: DossiersRepository,
    private readonly history: DossierHistoryRepository,
  ) {}

  /** Both versions: events of version 1 stored before version 2 are still delivered, and their steps have no action. */
  @HandleEvent({ type: 'DossierStatusChanged', versions: [1, 2] })
  async onStatusChanged(event: EventEnvelope<'DossierStatusChanged', DossierStatusChangedV1 | DossierStatusChangedV2>, manager: EntityManager): Promise<void> {
    const change = dossierStatusChangedOf(event.version, event.payload);
    const { step } = change;
    const current = await this.dossiers.statusForUpdate(change.dossierCode, manager);
    if (!current) {
      // Acknowledged rather than retried forever: a case can only exist for a dossier intake received.
      this.logger.warn(`status change for unknown dossier ${change.dossierCode} ignored`);
      return;
    }
    if (current.status_sequence < change.sequence) {
      const stopped = CLOCK_STOPPED.includes(change.status);
      const clockStoppedAt = stopped ? (current.status === change.status && current.clock_stopped_at ? current.clock_stopped_at : new Date(change.at)) : null;
      const requests = current.supplement_requests ?? [];
      const asked = change.supplementRequest;
      const supplementRequests =
        asked && !requests.some((r) => r.requestedAt === asked.requestedAt)
          ? [...requests, { requestedAt: asked.requestedAt, items: asked.items, note: asked.note, answers: [], completedAt: null }]
          : requests;
      // An event from before apologies travelled says nothing of one: what is known stays.
      const apology = change.apology === undefined ? current.apology : change.apology;
      await this.dossiers.applyStatusChange(
        change.dossierCode,
        { status: change.status, nationalStatus: change.nationalStatusCode, sequence: change.sequence, appointmentAt: change.appointmentAt, dueAt: change.dueAt, clockStoppedAt, supplementRequests, apology },
        manager,
      );
    }
    await this.history.append(
      {
        dossierCode: change.dossierCode,
        status: change.status,
        nationalStatus: change.nationalStatusCode,
        at: new Date(change.at),
        unitCode: step.unit.code,
        // Workflow names units (since the name came with its events); for older events the receiving agency's name is known here.
        unitName: step.unit.name ?? (step.unit.code === current.receiving_agency_code ? current.receiving_agency_name : null),
        officerName: step.officer?.name ?? null,
        officerTitle: step.officer?.title ?? null,
        action: step.action,
        content: change.content,
        appointmentAt: new Date(change.appointmentAt),
        dueAt: new Date(change.dueAt),
      },
      manager,
    );
  }
}
