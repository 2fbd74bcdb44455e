import { Controller, Get, Headers, Query, Res, type StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access, ApiProblems, type Caller, CurrentCaller } from '@onestop/platform';
import { ReportingAccess } from '../access-policy.js';
import { CSV_TYPE, exportFormat, PDF_TYPE, respond, XLSX_TYPE } from '../exports/export-document.js';
import { ReportContexts } from '../reports/report-context.js';
import { GroupedReportQuery } from '../reports/report-query.dto.js';
import { complaintsExport } from './complaints-report.export.js';
import { ComplaintsReport } from './complaints-report.dto.js';
import { ComplaintsReportService } from './complaints-report.service.js';

@ApiTags('reports')
@Controller('reports/complaints')
export class ComplaintsReportController {
  constructor(
    private readonly complaints: ComplaintsReportService,
    private readonly contexts: ReportContexts,
  ) {}

  @Get()
  @Access(ReportingAccess.readReports)
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Complaints and petitions about procedures: received, answered, in time',
    description:
      'Phản ánh, kiến nghị về TTHC: filed in the period, answered in the period (whenever filed) and of them answered in time (within COMPLAINT_ANSWER_WORKING_DAYS working days of the filing, on catalog\'s working-time calendar) or late, and those still unanswered at the end, of which past their time limit. The filed and answered counts are the indicators\'. `groupBy` gives a row per agency the complaint was filed with, or per field, level or procedure of the dossier it is about; `compare=previousYear` adds the same days a year earlier. Aggregates only: no complainant\'s name or contact. Also CSV, XLSX or a printable PDF (`?format=` or Accept).',
  })
  @ApiProduces('application/json', CSV_TYPE, XLSX_TYPE, PDF_TYPE)
  @ApiOkResponse({ type: ComplaintsReport, description: 'The report (JSON), or its CSV, XLSX or PDF export.' })
  @ApiProblems(400, 401, 403)
  async read(@CurrentCaller() caller: Caller, @Query() query: GroupedReportQuery, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) response: Response): Promise<ComplaintsReport | StreamableFile> {
    const format = exportFormat(query.format, accept);
    const report = await this.complaints.report(this.contexts.build(caller, query), query.compare);
    return respond(format, response, report, () => complaintsExport(report));
  }
}
