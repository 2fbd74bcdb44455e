import { Module } from '@nestjs/common';
import { FormAgencies, WorkingCalendarClient } from '@onestop/platform';
import { CatalogClient } from './catalog.client.js';
import { PostalTrackingClient } from './postal-tracking.client.js';
import { WorkflowClient } from './workflow.client.js';
import { WorkflowFormsClient } from './workflow-forms.client.js';
import { WorkflowResultsClient } from './workflow-results.client.js';

const CLIENTS = [CatalogClient, WorkingCalendarClient, FormAgencies, PostalTrackingClient, WorkflowClient, WorkflowFormsClient, WorkflowResultsClient];

/** The other services as intake asks them; one instance of each, so their caches are shared by every feature. */
@Module({
  providers: CLIENTS,
  exports: CLIENTS,
})
export class ClientsModule {}
