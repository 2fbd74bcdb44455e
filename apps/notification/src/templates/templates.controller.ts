import { Body, Controller, Delete, Get, Param, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Access, ApiPageResponse, ApiProblems, type Caller, CurrentCaller, type Page } from '@onestop/platform';
import { NotificationAccess } from '../access-policy.js';
import { SaveTemplateRequest, TEMPLATE_CHANNEL_PARAM, TEMPLATE_KIND_PARAM, TemplateListQuery } from './template.dto.js';
import { TemplateView } from './template.views.js';
import { TemplatesService } from './templates.service.js';

@ApiTags('notification-templates')
@Controller('notification-templates')
export class TemplatesController {
  constructor(private readonly templates: TemplatesService) {}

  @Get()
  @Access(NotificationAccess.manageTemplates)
  @ApiOperation({
    summary: 'List the message templates',
    description:
      'Every kind of message on every channel, in Vietnamese: applicants\' on SMS (written without diacritics, so two GSM-7 segments hold it), email and Zalo; officers\' in-app notices. Each with its placeholders and, for SMS, the segments it makes. The built-in wording applies until an administrator saves their own.',
  })
  @ApiPageResponse(TemplateView, 'A page of templates.')
  @ApiProblems(400, 401, 403)
  list(@Query() query: TemplateListQuery): Promise<Page<TemplateView>> {
    return this.templates.list(query.limit, query.cursor);
  }

  @Get(':kind/:channel')
  @Access(NotificationAccess.manageTemplates)
  @ApiOperation({ summary: 'Read a message template', description: 'The wording in force for one kind on one channel, its placeholders and (SMS) segment count.' })
  @ApiParam(TEMPLATE_KIND_PARAM)
  @ApiParam(TEMPLATE_CHANNEL_PARAM)
  @ApiOkResponse({ type: TemplateView, description: 'The template.' })
  @ApiProblems(401, 403, 404)
  read(@Param('kind') kind: string, @Param('channel') channel: string): Promise<TemplateView> {
    return this.templates.read(kind, channel);
  }

  @Put(':kind/:channel')
  @Access(NotificationAccess.manageTemplates)
  @ApiOperation({
    summary: 'Edit a message template',
    description: [
      'Saves the administrator\'s wording, used for the messages of events that arrive from now on. Checked first: every `{{placeholder}}` must be one the kind has (`placeholders`), or the answer is a 400 `unknown-placeholder` naming it (in `errors` and `placeholders`); braces that make no placeholder are a 400 `validation-failed`.',
      'An SMS is counted as networks count it (GSM-7: 160 characters, 153 per part; with any Vietnamese diacritic, UCS-2: 70, 67 per part), with each placeholder at its sample length; one that would need more than two segments even without diacritics is a 422 `sms-too-long`. The answer says how many segments it makes.',
    ].join('\n\n'),
  })
  @ApiParam(TEMPLATE_KIND_PARAM)
  @ApiParam(TEMPLATE_CHANNEL_PARAM)
  @ApiOkResponse({ type: TemplateView, description: 'The template as now in force.' })
  @ApiProblems(400, 401, 403, 404, 422)
  save(@CurrentCaller() caller: Caller, @Param('kind') kind: string, @Param('channel') channel: string, @Body() request: SaveTemplateRequest): Promise<TemplateView> {
    return this.templates.save(caller, kind, channel, request);
  }

  @Delete(':kind/:channel')
  @Access(NotificationAccess.manageTemplates)
  @ApiOperation({ summary: 'Go back to the built-in wording', description: 'Removes the administrator\'s wording of one kind on one channel; the built-in one applies again.' })
  @ApiParam(TEMPLATE_KIND_PARAM)
  @ApiParam(TEMPLATE_CHANNEL_PARAM)
  @ApiOkResponse({ type: TemplateView, description: 'The template now in force.' })
  @ApiProblems(401, 403, 404)
  reset(@Param('kind') kind: string, @Param('channel') channel: string): Promise<TemplateView> {
    return this.templates.reset(kind, channel);
  }
}
