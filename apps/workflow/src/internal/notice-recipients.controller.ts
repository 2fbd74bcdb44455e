import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { type CaseNoticeRecipients, rolesFor } from '@onestop/domain';
import { ProblemException, ServiceTokenGuard } from '@onestop/platform';
import { CasesRepository } from '../cases/cases.repository.js';
import { OfficersRepository } from '../officers/officers.repository.js';

/** More officers than any unit has; a bound so one answer stays small. */
const UNIT_OFFICERS_LIMIT = 200;

/**
 * For notification (service credential only, never routed by the gateway): whom a case's
 * in-app notices go to now: the officer it is assigned to, and the active officers of the unit
 * where it is who do its current step (from the officer directory).
 */
@ApiExcludeController()
@Controller('internal/cases')
@UseGuards(ServiceTokenGuard)
export class InternalNoticeRecipientsController {
  constructor(
    private readonly cases: CasesRepository,
    private readonly officers: OfficersRepository,
  ) {}

  @Get(':code/notice-recipients')
  async recipients(@Param('code') code: string): Promise<CaseNoticeRecipients> {
    const holder = await this.cases.holder(code);
    if (!holder) throw ProblemException.notFound('case-not-found', `No case ${code}.`);
    const officers = await this.officers.activeOf(holder.current_agency_code, rolesFor('claim', holder.current_step_kind), UNIT_OFFICERS_LIMIT);
    return { dossierCode: code, agencyCode: holder.current_agency_code, assignee: holder.assignee, officers };
  }
}
