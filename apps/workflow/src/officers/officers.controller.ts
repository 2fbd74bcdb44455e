import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Access, ApiPageResponse, ApiProblems, type Caller, CurrentCaller, type Page, ProblemException } from '@onestop/platform';
import { OfficerQuery, OfficerView, RegisterOfficerRequest } from './officer.dto.js';
import { OfficersService } from './officers.service.js';
import { WorkflowAccess } from '../access-policy.js';

const SUBJECT = /^[\x21-\x7e]{1,200}$/;

@ApiTags('officers')
@Controller('officers')
export class OfficersController {
  constructor(private readonly officers: OfficersService) {}

  @Get()
  @Access(WorkflowAccess.readOfficers)
  @ApiOperation({
    summary: 'List officers',
    description:
      'The directory of officers cases are assigned to (`assign` takes an officer listed here, of the agency where the case is, with a role that does its step): an officer is listed once they call processing with their token (name, agencies and roles as the identity provider says), or when an administrator registers them. Officers see the officers of their own agencies; `agencyCode` picks one of them. In subject order.',
  })
  @ApiPageResponse(OfficerView, 'A page of officers.')
  @ApiProblems(400, 401, 403)
  list(@CurrentCaller() caller: Caller, @Query() query: OfficerQuery): Promise<Page<OfficerView>> {
    return this.officers.list(caller, query);
  }

  @Put(':subject')
  @Access(WorkflowAccess.manageOfficers)
  @ApiOperation({
    summary: 'Register or correct an officer',
    description:
      'For administrators: an officer who has not signed in yet, their title (chức danh, which tokens do not carry), or `active: false` to keep them off assignments. Agencies, roles and name are refreshed from the officer\'s token whenever they next call processing; the title and `active` stay as set here.',
  })
  @ApiParam({ name: 'subject', example: 'specialist.stp', description: 'The officer\'s subject (user id) at the identity provider.' })
  @ApiOkResponse({ type: OfficerView, description: 'The officer as now listed.' })
  @ApiProblems(400, 401, 403)
  register(@CurrentCaller() caller: Caller, @Param('subject') subject: string, @Body() request: RegisterOfficerRequest): Promise<OfficerView> {
    if (!SUBJECT.test(subject)) throw ProblemException.badRequest('validation-failed', 'The subject is 1-200 visible ASCII characters.', [{ field: 'subject', reason: 'must be 1-200 visible ASCII characters' }]);
    return this.officers.register(caller, subject, request);
  }
}
