import { createHash } from 'node:crypto';
import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access, ApiProblems } from '@onestop/platform';
import { ReportingAccess } from '../access-policy.js';
import { ReportingConfig } from '../config.js';
import { CSV_TYPE, exportFormat, toCsv } from '../exports/export-document.js';
import { openStatisticsExport } from './open-statistics.export.js';
import { OpenStatistics, OpenStatisticsQuery } from './open-statistics.dto.js';
import { OpenStatisticsService } from './open-statistics.service.js';

/** Whether an If-None-Match header names this entity tag (weak comparison, RFC 9110 §13.1.2). */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => opaque(tag) === opaque(etag));
}

@ApiTags('reports')
@Controller('reports/open-statistics')
export class OpenStatisticsController {
  constructor(
    private readonly statistics: OpenStatisticsService,
    private readonly config: ReportingConfig,
  ) {}

  @Get()
  @Access(ReportingAccess.readOpenStatistics)
  @ApiOperation({
    summary: 'Open statistics per agency and month (public)',
    description:
      'For the provincial portal\'s public page, without sign-in: per month of the year and competent agency (and the whole province first), dossiers received, finished and finished on time (early or on time), the online share, the "4 tại chỗ" share and satisfaction (ratings of 4-5). Aggregates only, no personal data: a count from 1 to `minimumCount` − 1 (setting OPEN_STATISTICS_MIN_COUNT) is null, and so is a share whose numerator or complement is such a count, so that no figure points at a person. From the same monthly roll-ups as form II.06a. As JSON or CSV (`?format=csv` or `Accept: text/csv`; suppressed cells empty). Cacheable: `Cache-Control: public, max-age=` (OPEN_STATISTICS_MAX_AGE_SECONDS) and a strong `ETag`; send `If-None-Match` to get 304 when nothing changed.',
  })
  @ApiProduces('application/json', CSV_TYPE)
  @ApiHeader({ name: 'If-None-Match', required: false, description: 'The ETag of a copy already held: 304 without a body when it is still current.' })
  @ApiOkResponse({ type: OpenStatistics, description: 'The statistics (JSON) or their CSV.' })
  @ApiResponse({ status: 304, description: 'Not modified: the copy named by If-None-Match is current.' })
  @ApiProblems(400)
  async read(@Query() query: OpenStatisticsQuery, @Headers('accept') accept: string | undefined, @Headers('if-none-match') ifNoneMatch: string | undefined, @Res() response: Response): Promise<void> {
    const format = exportFormat(query.format, accept) === 'csv' ? 'csv' : 'json';
    const statistics = await this.statistics.year(query.year, query.agency);
    const body = format === 'csv' ? toCsv(openStatisticsExport(statistics)) : Buffer.from(JSON.stringify(statistics), 'utf8');
    const etag = `"${createHash('sha256').update(format).update(body).digest('base64url').slice(0, 32)}"`;
    response.setHeader('etag', etag);
    response.setHeader('cache-control', `public, max-age=${this.config.OPEN_STATISTICS_MAX_AGE_SECONDS}`);
    response.setHeader('vary', 'accept');
    if (matches(ifNoneMatch, etag)) {
      response.status(304).end();
      return;
    }
    if (format === 'csv') {
      response.setHeader('content-type', `${CSV_TYPE}; charset=utf-8`);
      response.setHeader('content-disposition', `attachment; filename="thong-ke-cong-khai-${statistics.year}.csv"`);
    } else response.setHeader('content-type', 'application/json; charset=utf-8');
    response.status(200).end(body);
  }
}
