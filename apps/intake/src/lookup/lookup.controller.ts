import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@onestop/platform';
import { LookupView } from '../dossiers/dossier.views.js';
import { LookupQuery } from './lookup.dto.js';
import { LookupService } from './lookup.service.js';

@ApiTags('lookup')
@Controller('lookup')
export class LookupController {
  constructor(private readonly lookups: LookupService) {}

  @Get()
  @ApiOperation({
    summary: 'Look up a dossier',
    description: 'Public, no sign-in: with the dossier code and the lookup code from the receipt, the status, appointment date and progress by unit. No personal data: neither the applicant\'s nor the officers\' names.',
  })
  @ApiOkResponse({ type: LookupView, description: 'The dossier\'s progress.' })
  @ApiProblems(400, 404)
  lookup(@Query() query: LookupQuery): Promise<LookupView> {
    return this.lookups.lookup(query.code, query.secret);
  }
}
