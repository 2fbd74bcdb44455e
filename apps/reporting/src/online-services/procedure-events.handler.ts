import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope, ProcedureAbolishedV1, ProcedureVersionSummaryV1 } from '@onestop/domain';
import { HandleEvent } from '@onestop/platform';
import { ProcedureFactsRepository } from './procedure-facts.repository.js';
import { ProcedureVersionsRepository } from './procedure-versions.repository.js';

/** Catalog's events kept as reporting's copy of the catalog: the latest version of each procedure, and every version. */
@Injectable()
export class ProcedureEventsHandler {
  constructor(
    private readonly facts: ProcedureFactsRepository,
    private readonly versions: ProcedureVersionsRepository,
  ) {}

  @HandleEvent({ type: 'ProcedurePublished', versions: [1] })
  async onProcedurePublished(event: EventEnvelope<'ProcedurePublished', ProcedureVersionSummaryV1>, manager: EntityManager): Promise<void> {
    await this.recordVersion(event.payload, manager);
  }

  @HandleEvent({ type: 'ProcedureAmended', versions: [1] })
  async onProcedureAmended(event: EventEnvelope<'ProcedureAmended', ProcedureVersionSummaryV1>, manager: EntityManager): Promise<void> {
    await this.recordVersion(event.payload, manager);
  }

  @HandleEvent({ type: 'ProcedureAbolished', versions: [1] })
  async onProcedureAbolished(event: EventEnvelope<'ProcedureAbolished', ProcedureAbolishedV1>, manager: EntityManager): Promise<void> {
    await this.facts.recordAbolition(event.payload, manager);
    await this.versions.recordAbolition(event.payload, manager);
  }

  private async recordVersion(p: ProcedureVersionSummaryV1, manager: EntityManager): Promise<void> {
    await this.facts.recordVersion(p, manager);
    await this.versions.recordVersion(p, manager);
  }
}
