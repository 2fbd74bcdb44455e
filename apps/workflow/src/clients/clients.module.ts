import { Module } from '@nestjs/common';
import { FormAgencies, WorkingCalendarClient } from '@onestop/platform';
import { WorkflowCatalogClient } from './catalog.client.js';
import { IntakeClient } from './intake.client.js';

const CLIENTS = [WorkflowCatalogClient, WorkingCalendarClient, FormAgencies, IntakeClient];

/** The other services as workflow asks them; one instance of each, so their caches are shared by every feature. */
@Module({
  providers: CLIENTS,
  exports: CLIENTS,
})
export class ClientsModule {}
