import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FormAgencies, PlatformModule, WorkingCalendarClient } from '@onestop/platform';
import { WorkflowConfig } from './config.js';
import { WORKFLOW_MIGRATIONS } from './migrations/index.js';
import { Case } from './cases/case.entity.js';
import { CasesController } from './cases/cases.controller.js';
import { CasesService } from './cases/cases.service.js';
import { ControlSheetService } from './control-sheet/control-sheet.service.js';
import { LatenessSweepService } from './lateness/lateness-sweep.service.js';
import { WorklistController } from './worklist/worklist.controller.js';
import { WorklistService } from './worklist/worklist.service.js';
import { ShipmentEventsHandler } from './postal/shipment-events.handler.js';
import { InternalWithdrawalController } from './internal/withdrawal.controller.js';
import { InternalFormsDataController } from './internal/forms-data.controller.js';
import { CaseFormsService } from './forms/case-forms.service.js';
import { OfficersController } from './officers/officers.controller.js';
import { IntakeClient } from './clients/intake.client.js';
import { OfficersRepository } from './officers/officers.repository.js';
import { OfficersService } from './officers/officers.service.js';
import { OfficerSignInInterceptor } from './officers/officer-sign-in.interceptor.js';
import { WorkflowCatalogClient } from './catalog/catalog.client.js';

/** Processing cases: steps, assignments, the clock, supplements, lateness, the control sheet, results. */
@Module({
  imports: [
    PlatformModule.forService({ service: 'workflow', config: WorkflowConfig, entities: [Case], migrations: WORKFLOW_MIGRATIONS }),
    TypeOrmModule.forFeature([Case]),
  ],
  controllers: [CasesController, WorklistController, OfficersController, InternalWithdrawalController, InternalFormsDataController],
  providers: [
    OfficersRepository,
    OfficersService,
    IntakeClient,
    { provide: APP_INTERCEPTOR, useClass: OfficerSignInInterceptor },
    FormAgencies,
    CaseFormsService,
    WorkflowCatalogClient,
    CasesService, WorkingCalendarClient, ControlSheetService, WorklistService, LatenessSweepService, ShipmentEventsHandler],
})
export class WorkflowModule {}
