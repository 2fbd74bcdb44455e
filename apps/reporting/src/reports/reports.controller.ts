import { applyDecorators, Controller, Get, Headers, Query, Res, type StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access, ApiProblems, type Caller, CurrentCaller } from '@onestop/platform';
import { CSV_TYPE, exportFormat, PDF_TYPE, respond, XLSX_TYPE } from '../exports/export-document.js';
import { DossierBalanceReport } from './dossier-balance.dto.js';
import { ServiceIndexReport, TargetsReport } from './index-and-targets.dto.js';
import { IndicatorsReport } from './indicators.dto.js';
import { ReportContexts } from './report-context.js';
import { FieldSummaryReport } from './field-summary.dto.js';
import { balanceExport, digitisationExport, fieldSummaryExport, indicatorsExport, serviceIndexExport, targetsExport } from './report-exports.js';
import { DigitisationReport } from './digitisation.dto.js';
import { ComparedReportQuery, GroupedReportQuery, ReportQuery } from './report-query.dto.js';
import { ReportsService } from './reports.service.js';
import { ReportingAccess } from '../access-policy.js';

const COMMON =
  'Any period: `period` (a year, half, quarter or month) or `from`/`to`; the whole province or one agency, field, level or procedure. Callers whose token names agencies (other than admin) see only dossiers received or decided by their agencies; admin, and viewers or leaders without agencies, see the whole province. Shares come as numerator, denominator and unrounded ratio. Every report is also a CSV (`Accept: text/csv` or `?format=csv`, UTF-8 with BOM, Vietnamese headers), an Excel workbook (`Accept: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet` or `?format=xlsx`: the table, each count a hyperlink to its list of dossiers, then a "Thông tin" sheet with the period, scope and definitions) or a printable PDF in the national forms\' layout (`Accept: application/pdf` or `?format=pdf`: A4 across, the table, what the figures mean, the signatures); reports hold aggregates only, no personal data. Figures come from reporting\'s own tables, fed by the services\' events (facts per dossier, daily roll-ups per agency, procedure and channel, summed by year, month and day); `POST /reports/rebuild` rebuilds them from the events.';

function ReportEndpoint(type: unknown, summary: string, description: string) {
  return applyDecorators(
    Access(ReportingAccess.readReports),
    ApiBearerAuth(),
    ApiOperation({ summary, description: `${description}\n\n${COMMON}` }),
    ApiProduces('application/json', CSV_TYPE, XLSX_TYPE, PDF_TYPE),
    ApiOkResponse({ type: type as never, description: 'The report (JSON), or its CSV, XLSX or PDF export.' }),
    ApiProblems(400, 401, 403),
  );
}

@ApiTags('reports')
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly contexts: ReportContexts,
  ) {}

  @Get('dossier-balance')
  @ReportEndpoint(
    DossierBalanceReport,
    'Dossier balance (national form II.06a)',
    'Tình hình, kết quả giải quyết TTHC: dossiers received in the period (online, counter, post) and carried over from before; finished early, on time, late; in progress within time, overdue, or awaiting a supplement at the end; refused, stopped and withdrawn. It balances by construction: carried over + received = finished + in progress + refused + stopped + withdrawn, for any period and scope, because every dossier is counted from its receipt until its close in exactly one state at every instant (within time, overdue, awaiting a supplement) and the roll-ups add +1 on the day it enters a state and −1 on the day it leaves it; "open at the start of a day" is the sum of all earlier days. A dossier is finished when its result is issued (status 9, or 10 when returned at once); early/on time/late compare that instant with the legal due date in force (moved out by supplement waits, never by an apology). `groupBy` gives one row per competent agency, receiving agency, field, level or procedure.',
  )
  async balance(@CurrentCaller() caller: Caller, @Query() query: GroupedReportQuery, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) response: Response): Promise<DossierBalanceReport | StreamableFile> {
    const format = exportFormat(query.format, accept);
    const report = await this.reports.balance(this.contexts.build(caller, query), query.compare);
    return respond(format, response, report, () => balanceExport(report));
  }

  @Get('summary-by-field')
  @ReportEndpoint(
    FieldSummaryReport,
    'Summary by administrative level and field (national form II.06b)',
    'Tình hình, kết quả giải quyết TTHC theo lĩnh vực: the figures of form II.06a for each administrative level (province, district, commune) with its subtotal, and under it each field: every field with a procedure in force in the scope at the end of the period has its row, with or without dossiers (as the provinces\' systems list them), and a field with dossiers but no procedure in force any more too. Every count links to its list of dossiers (`links`, with the level and field as filters). `compare=previousYear` adds the same form for the same days a year earlier.',
  )
  async fieldSummary(@CurrentCaller() caller: Caller, @Query() query: ComparedReportQuery, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) response: Response): Promise<FieldSummaryReport | StreamableFile> {
    const format = exportFormat(query.format, accept);
    const report = await this.reports.fieldSummary(this.contexts.build(caller, query), query.compare);
    return respond(format, response, report, () => fieldSummaryExport(report));
  }

  @Get('indicators')
  @ReportEndpoint(
    IndicatorsReport,
    'Online share, "4 tại chỗ", post, satisfaction and complaints',
    'Dossiers received by channel and the online share; "4 tại chỗ" (eligible counter dossiers and those finished the day they were received, and the share of eligible procedures); dossiers received by post, results handed to the post and delivered by it, and the results sent by post (delivery shipments registered), delivered to the applicant and brought back to the agency undelivered in the period (`post.resultsSent`, `post.resultsDelivered`, `post.resultsReturnedToAgency`, from postal\'s ShipmentRegistered and ShipmentStatusChanged); electronic results; ratings (average score, share satisfied with 4-5) and complaints filed and answered. `groupBy` gives one row per group.',
  )
  async indicators(@CurrentCaller() caller: Caller, @Query() query: GroupedReportQuery, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) response: Response): Promise<IndicatorsReport | StreamableFile> {
    const format = exportFormat(query.format, accept);
    const report = await this.reports.indicators(this.contexts.build(caller, query), query.compare);
    return respond(format, response, report, () => indicatorsExport(report));
  }

  @Get('digitisation')
  @ReportEndpoint(
    DigitisationReport,
    'Digitisation: electronic results, documents digitised and reused',
    'Per competent agency by default (`groupBy` for another grouping), and the total: results issued and the share issued electronically (signed by the agency), documents a reception officer digitised into the applicants\' stores, documents new dossiers reused from them, and the share of dossiers received in the period with a document digitised or reused (the service index\'s `digitisation.documents`).',
  )
  async digitisation(@CurrentCaller() caller: Caller, @Query() query: GroupedReportQuery, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) response: Response): Promise<DigitisationReport | StreamableFile> {
    const format = exportFormat(query.format, accept);
    const report = await this.reports.digitisation(this.contexts.build(caller, query));
    return respond(format, response, report, () => digitisationExport(report));
  }

  @Get('service-index')
  @ReportEndpoint(
    ServiceIndexReport,
    'Service index (Decision 766/QĐ-TTg)',
    'The components of the index computed from the facts, each with the numerator and denominator behind it, its configured points and the value that earns them all (`GET /targets/service-index`). Online payment is measured from payment\'s events: dossiers received in the period whose fees were paid online ÷ those with fees to pay. A component with nothing to compute from is null with the reason, and `measuredMaxPoints` says how many points the measured ones are worth.',
  )
  async serviceIndex(@CurrentCaller() caller: Caller, @Query() query: ComparedReportQuery, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) response: Response): Promise<ServiceIndexReport | StreamableFile> {
    const format = exportFormat(query.format, accept);
    const report = await this.reports.serviceIndex(this.contexts.build(caller, query), query.compare);
    return respond(format, response, report, () => serviceIndexExport(report));
  }

  @Get('targets')
  @ReportEndpoint(
    TargetsReport,
    'Targets against actuals',
    'Each metric\'s target in force for the year of the period\'s last day (the agency\'s own when the scope names one agency, else the province\'s; set with `PUT /targets`) against the actual share in the period and scope.',
  )
  async targets(@CurrentCaller() caller: Caller, @Query() query: ReportQuery, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) response: Response): Promise<TargetsReport | StreamableFile> {
    const format = exportFormat(query.format, accept);
    const report = await this.reports.targetsReport(this.contexts.build(caller, query));
    return respond(format, response, report, () => targetsExport(report));
  }
}
