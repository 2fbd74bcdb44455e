import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DossierStatusChangedV1, EventEnvelope } from '@onestop/domain';
import { HandleEvent } from '@onestop/platform';

/**
 * Keeps each dossier's current status and progress from workflow's events, for the applicant,
 * the officers, the lookup and the national portal's feed. Every change joins the progress; the
 * current status moves only forward in workflow's sequence, so a late redelivery cannot undo it.
 */
@Injectable()
export class DossierStatusHandler {
  private readonly logger = new Logger('DossierStatus');

  @HandleEvent({ type: 'DossierStatusChanged', versions: [1] })
  async onStatusChanged(event: EventEnvelope<'DossierStatusChanged', DossierStatusChangedV1>, manager: EntityManager): Promise<void> {
    const change = event.payload;
    const known = (await manager.query(`SELECT 1 FROM dossiers WHERE code = $1 FOR UPDATE`, [change.dossierCode])) as unknown[];
    if (known.length === 0) {
      // Acknowledged rather than retried forever: a case can only exist for a dossier intake received.
      this.logger.warn(`status change for unknown dossier ${change.dossierCode} ignored`);
      return;
    }
    await manager.query(
      `UPDATE dossiers SET status = $2, national_status = $3, appointment_at = $4, due_at = $6, status_sequence = $5, updated_at = now()
        WHERE code = $1 AND status_sequence < $5`,
      [change.dossierCode, change.status, change.nationalStatusCode, change.appointmentAt, change.sequence, change.dueAt],
    );
    await manager.query(
      // Workflow does not name units; the receiving agency's name is known here.
      `INSERT INTO dossier_history (dossier_code, status, national_status, at, unit_code, unit_name, officer_name, officer_title, content, appointment_at, due_at)
       SELECT $1, $2, $3, $4, $5, COALESCE($6, CASE WHEN d.receiving_agency_code = $5 THEN d.receiving_agency_name END), $7, $8, $9, $10, $11
         FROM dossiers d WHERE d.code = $1`,
      [change.dossierCode, change.status, change.nationalStatusCode, change.at, change.unitCode, change.unitName, change.officerName, change.officerTitle, change.content, change.appointmentAt, change.dueAt],
    );
  }
}
