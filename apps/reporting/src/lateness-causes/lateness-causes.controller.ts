import { Controller, Get, Headers, Query, Res, type StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access, ApiProblems, type Caller, CurrentCaller } from '@onestop/platform';
import { ReportingAccess } from '../access-policy.js';
import { CSV_TYPE, exportFormat, PDF_TYPE, respond, XLSX_TYPE } from '../exports/export-document.js';
import { ReportContexts } from '../reports/report-context.js';
import { ComparedReportQuery } from '../reports/report-query.dto.js';
import { latenessCausesExport } from './lateness-causes.export.js';
import { LatenessCausesReport } from './lateness-causes.dto.js';
import { LatenessCausesService } from './lateness-causes.service.js';

@ApiTags('reports')
@Controller('reports/lateness-causes')
export class LatenessCausesController {
  constructor(
    private readonly lateness: LatenessCausesService,
    private readonly contexts: ReportContexts,
  ) {}

  @Get()
  @Access(ReportingAccess.readReports)
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Causes of lateness per agency: apologies\' reasons and the steps that overran',
    description:
      'Nguyên nhân trễ hạn: per competent agency and in total, the dossiers finished late in the period and those in progress and overdue at its end (form II.06a\'s two columns, each linked to its list, so every count is that list\'s length); of them, those with an apology (thư xin lỗi) and the apologies by the class of their reason (classes kept as data: reporting\'s `lateness_cause_categories`, matched by keywords without diacritics, else `other`), and by step kind (receive, appraise, approve, return) the dossiers whose step ended after its share of the time limit, with the working hours it ran over (on catalog\'s working-time calendar). `compare=previousYear` adds the same days a year earlier. Aggregates only. Also CSV, XLSX or a printable PDF (`?format=` or Accept).',
  })
  @ApiProduces('application/json', CSV_TYPE, XLSX_TYPE, PDF_TYPE)
  @ApiOkResponse({ type: LatenessCausesReport, description: 'The report (JSON), or its CSV, XLSX or PDF export.' })
  @ApiProblems(400, 401, 403, 503)
  async read(@CurrentCaller() caller: Caller, @Query() query: ComparedReportQuery, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) response: Response): Promise<LatenessCausesReport | StreamableFile> {
    const format = exportFormat(query.format, accept);
    const report = await this.lateness.report(this.contexts.build(caller, query), query.compare);
    return respond(format, response, report, () => latenessCausesExport(report));
  }
}
