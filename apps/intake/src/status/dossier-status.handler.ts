import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DossierStatus, DossierStatusChangedV1, EventEnvelope } from '@onestop/domain';
import { HandleEvent } from '@onestop/platform';
import type { StoredApology, StoredSupplementRequest } from '../dossiers/dossier.entity.js';

/** Statuses in which the clock stands still, waiting for the applicant. */
const CLOCK_STOPPED: readonly DossierStatus[] = ['supplement_requested', 'payment_requested'];

interface CurrentRow {
  status: DossierStatus;
  status_sequence: number;
  clock_stopped_at: Date | null;
  supplement_requests: StoredSupplementRequest[];
  apology: StoredApology | null;
}

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

  @HandleEvent({ type: 'DossierStatusChanged', versions: [1] })
  async onStatusChanged(event: EventEnvelope<'DossierStatusChanged', DossierStatusChangedV1>, manager: EntityManager): Promise<void> {
    const change = event.payload;
    const [current] = (await manager.query(
      `SELECT status, status_sequence, clock_stopped_at, supplement_requests, apology FROM dossiers WHERE code = $1 FOR UPDATE`,
      [change.dossierCode],
    )) as CurrentRow[];
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
      await manager.query(
        `UPDATE dossiers SET status = $2, national_status = $3, appointment_at = $4, due_at = $6, status_sequence = $5, clock_stopped_at = $7,
                supplement_requests = $8::jsonb, apology = $9::jsonb, updated_at = now()
          WHERE code = $1`,
        [change.dossierCode, change.status, change.nationalStatusCode, change.appointmentAt, change.sequence, change.dueAt, clockStoppedAt, JSON.stringify(supplementRequests), apology ? JSON.stringify(apology) : null],
      );
    }
    await manager.query(
      // Workflow names units (since the name came with its events); for older events the receiving agency's name is known here.
      `INSERT INTO dossier_history (dossier_code, status, national_status, at, unit_code, unit_name, officer_name, officer_title, content, appointment_at, due_at)
       SELECT $1, $2, $3, $4, $5, COALESCE($6, CASE WHEN d.receiving_agency_code = $5 THEN d.receiving_agency_name END), $7, $8, $9, $10, $11
         FROM dossiers d WHERE d.code = $1`,
      [change.dossierCode, change.status, change.nationalStatusCode, change.at, change.unitCode, change.unitName, change.officerName, change.officerTitle, change.content, change.appointmentAt, change.dueAt],
    );
  }
}
