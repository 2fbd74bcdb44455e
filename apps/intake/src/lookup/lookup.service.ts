import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { type DossierStatus, formatLocal } from '@onestop/domain';
import { ProblemException } from '@onestop/platform';
import { sameSecret } from '../dossiers/applicant-actions.service.js';
import { Dossier } from '../dossiers/dossier.entity.js';
import type { LookupView } from '../dossiers/dossier.views.js';
import { DossiersService } from '../dossiers/dossiers.service.js';
import { PostalTrackingClient } from './postal-tracking.client.js';

/** From these on, a result delivered by post has a shipment (postal registers it on ResultReady). */
const RESULT_OUT_STATUSES: readonly DossierStatus[] = ['processed', 'returned'];

/** The public lookup (tra cứu hồ sơ): status and progress for whoever holds the receipt. */
@Injectable()
export class LookupService {
  constructor(
    @InjectRepository(Dossier) private readonly dossiers: Repository<Dossier>,
    private readonly reading: DossiersService,
    private readonly postal: PostalTrackingClient,
  ) {}

  async lookup(code: string, secret: string): Promise<LookupView> {
    const dossier = await this.dossiers.findOneBy({ code });
    // One answer for an unknown code and a wrong lookup code: neither reveals the other.
    if (!dossier || !sameSecret(secret, dossier.lookupSecret)) throw ProblemException.notFound('dossier-not-found', 'No dossier with this code and lookup code.');
    // Only a dossier carried by post, or whose result is ready to go by post, has shipments to
    // track; the rest are answered without asking postal.
    const byPost = dossier.channel === 'post' || (dossier.resultDelivery.method === 'post' && RESULT_OUT_STATUSES.includes(dossier.status));
    const [progress, shipments] = await Promise.all([this.reading.progress(code), byPost ? this.postal.shipmentsOf(code) : Promise.resolve([])]);
    return {
      code: dossier.code,
      procedureName: dossier.procedureName,
      agencyName: dossier.receivingAgencyName,
      receivedAt: formatLocal(dossier.receivedAt),
      appointmentAt: formatLocal(dossier.appointmentAt),
      status: dossier.status,
      nationalStatusCode: dossier.nationalStatus,
      resultDelivery: dossier.resultDelivery.method,
      progress: progress.map(({ status, nationalStatusCode, at, unitName, content, appointmentAt }) => ({ status, nationalStatusCode, at, unitName, content, appointmentAt })),
      shipments,
    };
  }
}
