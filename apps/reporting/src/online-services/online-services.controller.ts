import { Controller, Get, Headers, Query, Req, Res, type StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Access, ApiProblems, CallerResolver } from '@onestop/platform';
import { CSV_TYPE, exportFormat, respond, XLSX_TYPE } from '../exports/export-document.js';
import { ReportContexts } from '../reports/report-context.js';
import { onlineServicesExport } from '../reports/report-exports.js';
import { ReportQuery } from '../reports/report-query.dto.js';
import { RollupReader } from '../reports/rollup-reader.js';
import { OnlineServicesReport } from './online-services.dto.js';
import { OnlineServicesService } from './online-services.service.js';
import { ReportingAccess } from '../access-policy.js';

@ApiTags('reports')
@Controller('reports/online-services')
export class OnlineServicesController {
  constructor(
    private readonly onlineServices: OnlineServicesService,
    private readonly contexts: ReportContexts,
    private readonly callers: CallerResolver,
    private readonly rollups: RollupReader,
  ) {}

  @Get()
  @Access(ReportingAccess.readOnlineServices)
  @ApiOperation({
    summary: 'Online-service catalog statistics',
    description:
      'Procedures in force at the end of the period (or today), from catalog\'s events: by online service level 1-4, full and partial online (Decree 42/2022), integrated on the national portal, eligible for "4 tại chỗ", each share as numerator, denominator and ratio (`shares`; the `percent` fields are rounded for display). The catalog is public, so this report needs no sign-in; a report reader (viewer, leader, admin: send the bearer token) also gets `onlineServicesWithOnlineDossier`, the share of online services (levels 3-4) that received at least one dossier online in the period, and a caller whose token names agencies sees their agencies\' procedures. Also as CSV or XLSX (`?format=` or Accept).',
  })
  @ApiProduces('application/json', CSV_TYPE, XLSX_TYPE)
  @ApiOkResponse({ type: OnlineServicesReport, description: 'Counts and shares of the catalog.' })
  @ApiProblems(400, 401, 403)
  async report(@Query() query: ReportQuery, @Req() request: Request, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) response: Response): Promise<OnlineServicesReport | StreamableFile> {
    const format = exportFormat(query.format, accept);
    const caller = await this.callers.resolve(request);
    const reader = ReportingAccess.readReports.admits(caller) ? caller : undefined;
    const report = await this.onlineServices.report(this.contexts.build(reader, query), reader ? this.rollups : null);
    return respond(format, response, report, () => onlineServicesExport(report));
  }
}
