import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DossierReceivedV1, DossierWithdrawnV1, EventEnvelope, SupplementReceivedV1 } from '@onestop/domain';
import { HandleEvent } from '@onestop/platform';
import { CasesService } from './cases.service.js';

/** Intake's news of a dossier: received (its case opens), supplemented by the applicant, withdrawn. */
@Injectable()
export class IntakeEventsHandler {
  constructor(private readonly cases: CasesService) {}

  @HandleEvent({ type: 'DossierReceived', versions: [1] })
  async onDossierReceived(event: EventEnvelope<'DossierReceived', DossierReceivedV1>, manager: EntityManager): Promise<void> {
    await this.cases.open(event.payload, manager);
  }

  @HandleEvent({ type: 'SupplementReceived', versions: [1] })
  async onSupplementReceived(event: EventEnvelope<'SupplementReceived', SupplementReceivedV1>, manager: EntityManager): Promise<void> {
    await this.cases.takeSupplement(event.payload, manager);
  }

  /**
   * Withdrawals intake announced before it asked this service first (events already stored
   * when the system was upgraded): applied if the case still allows it. Since then intake asks
   * `withdraw` and announces only what this service accepted, so the case is withdrawn already.
   */
  @HandleEvent({ type: 'DossierWithdrawn', versions: [1] })
  async onDossierWithdrawn(event: EventEnvelope<'DossierWithdrawn', DossierWithdrawnV1>, manager: EntityManager): Promise<void> {
    if (await this.cases.withdrawn(event.payload.dossierCode, manager)) return;
    await this.cases.applySystemAction(manager, event.payload.dossierCode, 'withdraw', new Date(event.payload.withdrawnAt), event.payload.reason);
  }
}
