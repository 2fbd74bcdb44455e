import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ElectronicResultIssuedV1, ElectronicResultRevokedV1, EventEnvelope } from '@onestop/domain';
import { HandleEvent } from '@onestop/platform';
import { DocumentStoreService } from './document-store.service.js';

/** Workflow's electronic results reach the applicant's store, and their revocation with them. */
@Injectable()
export class ResultEventsHandler {
  constructor(private readonly store: DocumentStoreService) {}

  @HandleEvent({ type: 'ElectronicResultIssued', versions: [1] })
  async onIssued(event: EventEnvelope<'ElectronicResultIssued', ElectronicResultIssuedV1>, manager: EntityManager): Promise<void> {
    await this.store.addResult(event.payload, manager);
  }

  @HandleEvent({ type: 'ElectronicResultRevoked', versions: [1] })
  async onRevoked(event: EventEnvelope<'ElectronicResultRevoked', ElectronicResultRevokedV1>, manager: EntityManager): Promise<void> {
    await this.store.revokeResult(event.payload, manager);
  }
}
