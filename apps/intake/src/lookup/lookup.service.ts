import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { formatLocal } from '@onestop/domain';
import { ProblemException } from '@onestop/platform';
import { sameSecret } from '../dossiers/applicant-actions.service.js';
import { Dossier } from '../dossiers/dossier.entity.js';
import type { LookupView } from '../dossiers/dossier.views.js';
import { DossiersService } from '../dossiers/dossiers.service.js';

/** The public lookup (tra cứu hồ sơ): status and progress for whoever holds the receipt. */
@Injectable()
export class LookupService {
  constructor(
    @InjectRepository(Dossier) private readonly dossiers: Repository<Dossier>,
    private readonly reading: DossiersService,
  ) {}

  async lookup(code: string, secret: string): Promise<LookupView> {
    const dossier = await this.dossiers.findOneBy({ code });
    // One answer for an unknown code and a wrong lookup code: neither reveals the other.
    if (!dossier || !sameSecret(secret, dossier.lookupSecret)) throw ProblemException.notFound('dossier-not-found', 'No dossier with this code and lookup code.');
    const progress = await this.reading.progress(code);
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
    };
  }
}
