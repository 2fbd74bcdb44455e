import { Injectable } from '@nestjs/common';
import { type Channel, describeStep, type DossierStatus, formatLocal } from '@onestop/domain';
import { Clock, ProblemException } from '@onestop/platform';
import { sameSecret } from '../dossiers/lookup-secret.js';
import { DossierHistoryRepository } from '../dossiers/dossier-history.repository.js';
import { DossiersRepository } from '../dossiers/dossiers.repository.js';
import { apologyView, type LookupProgressEntryView, type LookupView } from '../dossiers/dossier.views.js';
import { PostalTrackingClient } from '../clients/postal-tracking.client.js';
import { dossierLookup, LookupAttempts } from './lookup-attempts.js';
import { describeStatus } from './progress-wording.js';
import { isOverdue } from '../dossiers/lateness.js';

/** From these on, a result delivered by post has a shipment (postal registers it on ResultReady). */
const RESULT_OUT_STATUSES: readonly DossierStatus[] = ['processed', 'returned'];

/**
 * The public lookup (tra cứu hồ sơ): status and progress for whoever holds the receipt, without
 * personal data. Officers' names and titles are not even read; each step is told in standard
 * words from its action and status (describeStep), never in the text stored with it.
 */
@Injectable()
export class LookupService {
  constructor(
    private readonly dossiers: DossiersRepository,
    private readonly history: DossierHistoryRepository,
    private readonly postal: PostalTrackingClient,
    private readonly attempts: LookupAttempts,
    private readonly clock: Clock,
  ) {}

  async lookup(code: string, secret: string): Promise<LookupView> {
    const dossier = await this.dossiers.find(code);
    // One answer for an unknown code and a wrong lookup code: neither reveals the other; both count
    // among the dossier's wrong codes, and past their limit every attempt is a 429.
    if (!dossier || !sameSecret(secret, dossier.lookupSecret)) {
      throw await this.attempts.refused(dossierLookup(code), ProblemException.notFound('dossier-not-found', 'No dossier with this code and lookup code.'));
    }
    await this.attempts.opened(dossierLookup(code));
    // Only a dossier carried by post, or whose result is ready to go by post, has shipments to
    // track; the rest are answered without asking postal.
    const byPost = dossier.channel === 'post' || (dossier.resultDelivery.method === 'post' && RESULT_OUT_STATUSES.includes(dossier.status));
    const [progress, shipments] = await Promise.all([this.progress(code, dossier.channel), byPost ? this.postal.shipmentsOf(code) : Promise.resolve([])]);
    // Late as the law counts it, against the due date; an apology's new date is shown beside it.
    const overdue = isOverdue(dossier, this.clock.now());
    const apology = apologyView(dossier.apology);
    return {
      code: dossier.code,
      procedureName: dossier.procedureName,
      agencyName: dossier.receivingAgencyName,
      receivedAt: formatLocal(dossier.receivedAt),
      appointmentAt: formatLocal(dossier.appointmentAt),
      dueAt: formatLocal(dossier.dueAt),
      overdue,
      apology,
      status: dossier.status,
      nationalStatusCode: dossier.nationalStatus,
      statusText: describeStatus(dossier.status, overdue, apology?.newAppointmentAt ?? null),
      resultDelivery: dossier.resultDelivery.method,
      progress,
      shipments,
    };
  }

  private async progress(code: string, channel: Channel): Promise<LookupProgressEntryView[]> {
    const rows = await this.history.publicEntries(code);
    return rows.map((row) => ({
      status: row.status,
      nationalStatusCode: row.national_status,
      at: formatLocal(new Date(row.at)),
      unitCode: row.unit_code,
      unitName: row.unit_name,
      content: describeStep(row, channel),
      appointmentAt: formatLocal(new Date(row.appointment_at)),
    }));
  }
}
