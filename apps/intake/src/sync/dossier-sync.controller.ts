import { Body, Controller, Headers, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { formatLocal } from '@onestop/domain';
import { Access, answerCreated, ApiProblems, FeedEndpoint, type Caller, CurrentCaller, type FeedPage, FeedQuery, ProblemException } from '@onestop/platform';
import { DossierHistoryRepository, historyStepView } from '../dossiers/dossier-history.repository.js';
import { DossierView } from '../dossiers/dossier.views.js';
import { ReceptionService } from '../dossiers/reception.service.js';
import { DossierProgressChange, PortalDossierRequest } from './dossier-sync.dto.js';
import { IntakeAccess } from '../access-policy.js';

/** What the National Public Service Portal's sync jobs call: the progress feed and dossier push. */
@ApiTags('sync')
@Controller('sync/dossiers')
export class DossierSyncController {
  constructor(
    private readonly history: DossierHistoryRepository,
    private readonly reception: ReceptionService,
  ) {}

  @FeedEndpoint(
    {
      summary: 'Read the dossier progress feed',
      description:
        'Every change of every dossier (reception, each step of processing, supplements, results, withdrawal), in a durable order: read from the beginning (no cursor) and keep the returned `nextCursor` to resume. Reading to the end in any page size returns each change exactly once, even while changes are being written. For an API key with `sync:read` (the national portal) and admins.',
    },
    DossierProgressChange,
    'Changes after the cursor, oldest first.',
  )
  @Access(IntakeAccess.readDossierFeed)
  async feed(@Query() query: FeedQuery): Promise<FeedPage<DossierProgressChange>> {
    const page = await this.history.feed(query);
    return {
      ...page,
      items: page.items.map((row) => ({
        dossierCode: row.dossier_code,
        procedureCode: row.procedure_code,
        nationalStatusCode: row.national_status,
        status: row.status,
        action: row.action,
        ...historyStepView(row),
        startDate: formatLocal(new Date(row.received_at)),
        statutoryEndDate: formatLocal(new Date(row.due_at)),
        appointmentAt: formatLocal(new Date(row.appointment_at)),
        externalId: row.external_id,
      })),
    };
  }

  @Post()
  @Access(IntakeAccess.pushPortalDossier)
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
    return answerCreated(response, `/api/v1/dossiers/${outcome.result.code}`, outcome);
  }
}
