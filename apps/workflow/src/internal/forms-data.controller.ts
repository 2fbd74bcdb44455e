import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ServiceTokenGuard } from '@onestop/platform';
import { type CaseFormsData, CaseFormsService } from '../forms/case-forms.service.js';

/**
 * For intake (service credential only, never routed by the gateway): the data of a case's
 * official forms (02 supplement requests, 03 refusal, 04 apology, 05 stop, 06 control sheet),
 * which intake prints for the officers and for the applicant with the lookup code. 404
 * `case-not-found` while the dossier's case is not open.
 */
@ApiExcludeController()
@Controller('internal/cases')
@UseGuards(ServiceTokenGuard)
export class InternalFormsDataController {
  constructor(private readonly forms: CaseFormsService) {}

  @Get(':code/forms-data')
  formsData(@Param('code') code: string): Promise<CaseFormsData> {
    return this.forms.formsData(code);
  }
}
