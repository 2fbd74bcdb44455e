import { Body, Controller, Get, Headers, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import { formatLocal } from '@onestop/domain';
import { ApiFeedResponse, ApiProblems, type Caller, CurrentCaller, type FeedPage, FeedQuery, ProblemException, readFeed, Roles, Scopes } from '@onestop/platform';
import { DossierView } from '../dossiers/dossier.views.js';
import { ReceptionService } from '../dossiers/reception.service.js';
import { DossierProgressChange, PortalDossierRequest } from './dossier-sync.dto.js';

interface ProgressRow {
  dossier_code: string;
  procedure_code: string;
  national_status: number;
  status: DossierProgressChange['status'];
  at: Date;
  unit_code: string | null;
  unit_name: string | null;
  officer_name: string | null;
  officer_title: string | null;
  content: string;
  received_at: Date;
  due_at: Date;
  appointment_at: Date;
  external_id: string | null;
}

/** What the National Public Service Portal's sync jobs call: the progress feed and dossier push. */
@ApiTags('sync')
@Controller('sync/dossiers')
export class DossierSyncController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reception: ReceptionService,
  ) {}

  @Get()
  @Roles('admin')
  @Scopes('sync:read')
  @ApiOperation({
    summary: 'Read the dossier progress feed',
    description:
      'Every change of every dossier (reception, each step of processing, supplements, results, withdrawal), in a durable order: read from the beginning (no cursor) and keep the returned `nextCursor` to resume. Reading to the end in any page size returns each change exactly once, even while changes are being written. For an API key with `sync:read` (the national portal) and admins.',
  })
  @ApiFeedResponse(DossierProgressChange, 'Changes after the cursor, oldest first.')
  @ApiProblems(400, 401, 403)
  async feed(@Query() query: FeedQuery): Promise<FeedPage<DossierProgressChange>> {
    const page = await readFeed<ProgressRow>(
      this.dataSource.manager,
      {
        from: 'dossier_history h JOIN dossiers d ON d.code = h.dossier_code',
        select: `h.dossier_code, d.procedure_code, h.national_status, h.status, h.at, h.unit_code, h.unit_name, h.officer_name, h.officer_title, h.content,
                 d.received_at, h.due_at, h.appointment_at, d.external_id`,
        txidColumn: 'h.txid',
        idColumn: 'h.id',
      },
      query,
    );
    return {
      ...page,
      items: page.items.map((row) => ({
        dossierCode: row.dossier_code,
        procedureCode: row.procedure_code,
        nationalStatusCode: row.national_status,
        status: row.status,
        at: formatLocal(new Date(row.at)),
        unitCode: row.unit_code,
        unitName: row.unit_name,
        officerName: row.officer_name,
        officerTitle: row.officer_title,
        content: row.content,
        startDate: formatLocal(new Date(row.received_at)),
        statutoryEndDate: formatLocal(new Date(row.due_at)),
        appointmentAt: formatLocal(new Date(row.appointment_at)),
        externalId: row.external_id,
      })),
    };
  }

  @Post()
  @Scopes('sync:write')
  @ApiOperation({
    summary: 'Push a dossier submitted on the national portal',
    description:
      'Received as an online dossier with the same checks as `POST /dossiers`. Never twice: a retry with the same `Idempotency-Key`, or another push of the same `externalId` with the same content, answers the dossier already received (header `Idempotent-Replayed: true`, status 200). The same `Idempotency-Key` with another body (another `externalId` included) is a 409 `idempotency-key-reused`; the same `externalId` with other content (another applicant, procedure, agency or delivery) is a 409 `external-id-conflict` naming the fields that differ and the `dossierCode` received. For an API key with `sync:write`.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: 'The same for every retry of one push.' })
  @ApiCreatedResponse({ type: DossierView, description: 'The dossier as received.' })
  @ApiProblems(400, 401, 403, 409, 422, 503)
  async push(
    @CurrentCaller() caller: Caller,
    @Body() request: PortalDossierRequest,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DossierView> {
    if (!idempotencyKey) {
      throw ProblemException.badRequest('validation-failed', 'Send an Idempotency-Key with every push.', [{ field: 'Idempotency-Key', reason: 'is required' }]);
    }
    const outcome = await this.reception.receiveFromPortal(caller, request, idempotencyKey);
    response.status(outcome.replayed ? 200 : 201);
    response.setHeader('Location', `/api/v1/dossiers/${outcome.result.code}`);
    if (outcome.replayed) response.setHeader('Idempotent-Replayed', 'true');
    return outcome.result;
  }
}
