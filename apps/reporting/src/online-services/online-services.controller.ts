import { Controller, Get, Headers, Query, Req, Res, type StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Access, admitted, ApiPageResponse, ApiProblems, CallerResolver, decodeCursor, type Page, PageQuery, toPage } from '@onestop/platform';
import { ApiProperty, IntersectionType, OmitType } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { PROCEDURE_COLUMNS, procedureColumn } from '../drilldown/procedure-columns.js';
import { CSV_TYPE, exportFormat, PDF_TYPE, respond, XLSX_TYPE } from '../exports/export-document.js';
import { ReportContexts } from '../reports/report-context.js';
import { onlineServicesExport } from '../reports/report-exports.js';
import { ReportQuery } from '../reports/report-query.dto.js';
import { RollupReader } from '../reports/rollup-reader.js';
import { DrilldownProcedure, OnlineServicesReport } from './online-services.dto.js';
import { OnlineServicesService } from './online-services.service.js';
import { ReportingAccess } from '../access-policy.js';

export class ProcedureDrilldownQuery extends IntersectionType(OmitType(ReportQuery, ['format'] as const), PageQuery) {
  @ApiProperty({ enum: PROCEDURE_COLUMNS.map((c) => c.key), example: 'online', description: `The figure: ${PROCEDURE_COLUMNS.map((c) => `\`${c.key}\` (${c.label})`).join(', ')}.` })
  @IsIn(PROCEDURE_COLUMNS.map((c) => c.key))
  column: string;
}

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
  @ApiProduces('application/json', CSV_TYPE, XLSX_TYPE, PDF_TYPE)
  @ApiOkResponse({ type: OnlineServicesReport, description: 'Counts and shares of the catalog.' })
  @ApiProblems(400, 401, 403)
  async report(@Query() query: ReportQuery, @Req() request: Request, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) response: Response): Promise<OnlineServicesReport | StreamableFile> {
    const format = exportFormat(query.format, accept);
    const caller = await this.callers.resolve(request);
    const reader = ReportingAccess.readReports.admits(caller) ? caller : undefined;
    const report = await this.onlineServices.report(this.contexts.build(reader, query), reader ? this.rollups : null);
    return respond(format, response, report, () => onlineServicesExport(report));
  }

  @Get('procedures')
  @Access(ReportingAccess.readOnlineServices)
  @ApiOperation({
    summary: 'The procedures behind a figure of the online-service statistics',
    description:
      'The procedures in force at the end of the period (the same catalog day and scope as the statistics) that a figure counts, by code, cursor paged: exactly as many as the figure, since both apply the same condition. Public, as the statistics are; `onlineWithOnlineDossier` (online services that received an online dossier in the period) needs a report reader\'s token (viewer, leader, admin), as its figure does.',
  })
  @ApiPageResponse(DrilldownProcedure, 'A page of the procedures the figure counts.')
  @ApiProblems(400, 401, 403)
  async procedures(@Query() query: ProcedureDrilldownQuery, @Req() request: Request): Promise<Page<DrilldownProcedure>> {
    const caller = await this.callers.resolve(request);
    const column = procedureColumn(query.column)!;
    // How the services were used is for report readers, as its figure is: 401 or 403 for others.
    const reader = column.readersOnly ? admitted(ReportingAccess.readReports, caller) : ReportingAccess.readReports.admits(caller) ? caller : undefined;
    const context = this.contexts.build(reader, query);
    const used = column.readersOnly ? await this.rollups.proceduresWithOnlineDossiers(context) : undefined;
    const after = query.cursor ? decodeCursor(query.cursor, { code: 'string' }).code : undefined;
    const matching = (await this.onlineServices.inForce(this.onlineServices.catalogDay(context), context.scope))
      .filter((p) => column.holds(p, used) && (after === undefined || p.code > after))
      .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    const page = toPage(matching.slice(0, query.limit + 1), query.limit, (last) => ({ code: last.code }));
    return {
      items: page.items.map((p) => ({ code: p.code, name: p.name, fieldCode: p.fieldCode, levelCode: p.levelCode, competentAgencyCode: p.competentAgencyCode, onlineLevel: p.onlineLevel, onlineMode: p.onlineMode, integratedNationalPortal: p.integratedNationalPortal, onTheSpotEligible: p.onTheSpotEligible })),
      nextCursor: page.nextCursor,
    };
  }
}
