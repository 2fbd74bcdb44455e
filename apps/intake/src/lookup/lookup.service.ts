import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { type DossierStatus, formatLocal } from '@onestop/domain';
import { Clock, ProblemException } from '@onestop/platform';
import { sameSecret } from '../dossiers/lookup-secret.js';
import { Dossier } from '../dossiers/dossier.entity.js';
import { apologyView, type LookupProgressEntryView, type LookupView } from '../dossiers/dossier.views.js';
import { PostalTrackingClient } from './postal-tracking.client.js';
import { dossierLookup, LookupAttempts } from './lookup-attempts.js';
import { describeStatus, describeStep } from './progress-wording.js';
import { isOverdue } from '../dossiers/lateness.js';

/** From these on, a result delivered by post has a shipment (postal registers it on ResultReady). */
const RESULT_OUT_STATUSES: readonly DossierStatus[] = ['processed', 'returned'];

interface PublicHistoryRow {
  status: DossierStatus;
  national_status: number;
  at: Date;
  unit_code: string | null;
  unit_name: string | null;
  content: string;
  appointment_at: Date;
}

/**
 * The public lookup (tra cứu hồ sơ): status and progress for whoever holds the receipt, without
 * personal data. Officers' names and titles are not even read; each step is told in standard
 * words (describeStep), never in the text stored with it.
 */
@Injectable()
export class LookupService {
  constructor(
    @InjectRepository(Dossier) private readonly dossiers: Repository<Dossier>,
    private readonly postal: PostalTrackingClient,
    private readonly attempts: LookupAttempts,
    private readonly clock: Clock,
  ) {}

  async lookup(code: string, secret: string): Promise<LookupView> {
    const dossier = await this.dossiers.findOneBy({ code });
    // One answer for an unknown code and a wrong lookup code: neither reveals the other; both count
    // among the dossier's wrong codes, and past their limit every attempt is a 429.
    if (!dossier || !sameSecret(secret, dossier.lookupSecret)) {
      throw await this.attempts.refused(dossierLookup(code), ProblemException.notFound('dossier-not-found', 'No dossier with this code and lookup code.'));
    }
    await this.attempts.opened(dossierLookup(code));
    // Only a dossier carried by post, or whose result is ready to go by post, has shipments to
    // track; the rest are answered without asking postal.
    const byPost = dossier.channel === 'post' || (dossier.resultDelivery.method === 'post' && RESULT_OUT_STATUSES.includes(dossier.status));
    const [progress, shipments] = await Promise.all([this.progress(code), byPost ? this.postal.shipmentsOf(code) : Promise.resolve([])]);
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

  private async progress(code: string): Promise<LookupProgressEntryView[]> {
    const rows = (await this.dossiers.manager.query(
      `SELECT status, national_status, at, unit_code, unit_name, content, appointment_at FROM dossier_history WHERE dossier_code = $1 ORDER BY at, id`,
      [code],
    )) as PublicHistoryRow[];
    return rows.map((row) => ({
      status: row.status,
      nationalStatusCode: row.national_status,
      at: formatLocal(new Date(row.at)),
      unitCode: row.unit_code,
      unitName: row.unit_name,
      content: describeStep(row.status, row.content),
      appointmentAt: formatLocal(new Date(row.appointment_at)),
    }));
  }
}
