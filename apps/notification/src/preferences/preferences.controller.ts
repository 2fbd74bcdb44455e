import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { formatLocal, REQUIRED_KINDS } from '@onestop/domain';
import { Access, ApiProblems, type Caller, Clock, CurrentCaller, ProblemException } from '@onestop/platform';
import { NotificationAccess } from '../access-policy.js';
import { ID_NUMBER_PARAM, OrganisationContactView, PreferencesView, SaveOrganisationContactRequest, SavePreferencesRequest } from './preference.dto.js';
import { type OrganisationContactRow, type PreferenceRow, PreferencesRepository } from './preferences.repository.js';

const TAX_CODE = /^\d{10}(-\d{3})?$/;

@ApiTags('notification-preferences')
@Controller('notification-preferences')
export class PreferencesController {
  constructor(
    private readonly preferences: PreferencesRepository,
    private readonly clock: Clock,
  ) {}

  @Get('me')
  @Access(NotificationAccess.ownPreferences)
  @ApiOperation({ summary: 'Read my notification channels', description: 'How the signed-in citizen is told about the dossiers they file online (by SMS, email, Zalo). Until they choose: SMS and email on, Zalo not linked.' })
  @ApiOkResponse({ type: PreferencesView, description: 'The channels.' })
  @ApiProblems(401, 403)
  async read(@CurrentCaller() caller: Caller): Promise<PreferencesView> {
    return preferencesView(await this.preferences.find(caller.subject));
  }

  @Put('me')
  @Access(NotificationAccess.ownPreferences)
  @ApiOperation({
    summary: 'Choose my notification channels',
    description: 'Turns SMS, email and Zalo on or off for the dossiers of the caller\'s account, and links Zalo by the phone number of the Zalo account. What the law requires the applicant be told still comes by SMS (`requiredBySms`). Applies to messages of events that arrive from now on.',
  })
  @ApiOkResponse({ type: PreferencesView, description: 'The channels as now chosen.' })
  @ApiProblems(400, 401, 403)
  async save(@CurrentCaller() caller: Caller, @Body() request: SavePreferencesRequest): Promise<PreferencesView> {
    const row = await this.preferences.save({ subject: caller.subject, sms: request.sms, email: request.email, zalo: request.zalo, zalo_phone: request.zaloPhone ?? null }, this.clock.now());
    return preferencesView(row);
  }

  @Get('organisations/:idNumber')
  @Access(NotificationAccess.organisationContacts)
  @ApiOperation({ summary: 'Read an organisation\'s email', description: 'The one address an organisation gave for all its dossiers; 404 when it gave none (each dossier\'s own address is used).' })
  @ApiParam(ID_NUMBER_PARAM)
  @ApiOkResponse({ type: OrganisationContactView, description: 'The address.' })
  @ApiProblems(400, 401, 403, 404)
  async organisation(@Param('idNumber') idNumber: string): Promise<OrganisationContactView> {
    const row = await this.preferences.organisation(checkedTaxCode(idNumber));
    if (!row) throw ProblemException.notFound('organisation-contact-not-found', `Organisation ${idNumber} gave no address for all its dossiers.`);
    return organisationView(row);
  }

  @Put('organisations/:idNumber')
  @Access(NotificationAccess.organisationContacts)
  @ApiOperation({
    summary: 'Give an organisation\'s email for all its dossiers',
    description: 'At the counter (reception) or by an administrator, as the organisation asked: every dossier whose applicant is this organisation (its tax code as the applicant\'s ID number) is told at this address instead of the one given on the dossier.',
  })
  @ApiParam(ID_NUMBER_PARAM)
  @ApiOkResponse({ type: OrganisationContactView, description: 'The address as now kept.' })
  @ApiProblems(400, 401, 403)
  async saveOrganisation(@CurrentCaller() caller: Caller, @Param('idNumber') idNumber: string, @Body() request: SaveOrganisationContactRequest): Promise<OrganisationContactView> {
    return organisationView(await this.preferences.saveOrganisation(checkedTaxCode(idNumber), request.email, caller.subject, this.clock.now()));
  }
}

function checkedTaxCode(idNumber: string): string {
  if (!TAX_CODE.test(idNumber)) throw ProblemException.badRequest('validation-failed', 'The tax code is 10 digits, or 13 with a branch (0101234567-001).', [{ field: 'idNumber', reason: 'must be a tax code: 10 digits, or 10-3 digits' }]);
  return idNumber;
}

function preferencesView(row: PreferenceRow | undefined): PreferencesView {
  return {
    sms: row?.sms ?? true,
    email: row?.email ?? true,
    zalo: row?.zalo ?? false,
    zaloPhone: row?.zalo_phone ?? null,
    requiredBySms: [...REQUIRED_KINDS],
    updatedAt: row ? formatLocal(new Date(row.updated_at)) : null,
  };
}

function organisationView(row: OrganisationContactRow): OrganisationContactView {
  return { idNumber: row.id_number, email: row.email, updatedBy: row.updated_by, updatedAt: formatLocal(new Date(row.updated_at)) };
}
