import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access, answerCreated, ApiPageResponse, ApiProblems, type Caller, CurrentCaller, type Page, setAuditHints } from '@onestop/platform';
import { PickupsService } from '../pickups/pickups.service.js';
import { CancelShipmentRequest, HandoverRequest, RegisterPickupRequest, ShipmentListQuery } from './shipment.dto.js';
import { ShipmentView } from './shipment.views.js';
import { ShipmentsService } from './shipments.service.js';
import { PostalAccess } from '../access-policy.js';

const ID_PARAM = { name: 'id', example: '6f1c2a8e-5b7d-4c1e-9a3f-2d4e6b8a0c1f', description: 'Shipment id.' };


/**
 * The caller's own `Authorization` header, passed on to intake so it judges the same person;
 * a custom decorator, so the OpenAPI document does not list it as a parameter (bearer security
 * already describes it).
 */
const CallerCredential = createParamDecorator((_data: unknown, context: ExecutionContext): string => context.switchToHttp().getRequest<{ headers: Record<string, string> }>().headers.authorization);

@ApiTags('shipments')
@Controller('shipments')
export class ShipmentsController {
  constructor(
    private readonly shipments: ShipmentsService,
    private readonly pickups: PickupsService,
  ) {}

  @Get()
  @Access(PostalAccess.readShipments)
  @ApiOperation({
    summary: 'List shipments with their tracking',
    description:
      'Officers: the shipments of their agencies (narrow with `agencyCode`); the postal operator and admins: all. Newest first; filter by `dossierCode` (a dossier\'s pickup and result delivery), kind, status, tracking number, registration period. Each comes with its whole status history. Applicants follow theirs in the public lookup (`/lookup`).',
  })
  @ApiPageResponse(ShipmentView, 'A page of shipments.')
  @ApiProblems(400, 401, 403)
  list(@CurrentCaller() caller: Caller, @Query() query: ShipmentListQuery): Promise<Page<ShipmentView>> {
    return this.shipments.list(caller, query);
  }

  @Get(':id')
  @Access(PostalAccess.readShipments)
  @ApiOperation({ summary: 'Read a shipment', description: 'Sender, receiver, parcel, postage and cash on delivery (whole VND), status and its history; 404 for officers of other agencies.' })
  @ApiParam(ID_PARAM)
  @ApiOkResponse({ type: ShipmentView, description: 'The shipment.' })
  @ApiProblems(401, 403, 404)
  get(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<ShipmentView> {
    return this.shipments.view(caller, id);
  }

  @Post('pickups')
  @Access(PostalAccess.registerPickup)
  @ApiOperation({
    summary: 'Register a dossier collected by post',
    description: [
      'By the postal operator: a postal worker collected a dossier from the applicant (checked against the procedure\'s list, sealed, fees collected). The dossier is checked now with intake\'s reception rules on the post channel: one the agency would not receive is a 422 `dossier-not-receivable` listing the refusals and missing documents (intake\'s own 400 and 422 answers are passed on with fields under `dossier.`).',
      'The shipment starts `collected`, for the receiving agency; its carrier news arrives by callbacks. A tracking number already registered is a 409 `tracking-number-taken`. Retrying with the same `Idempotency-Key` answers the same shipment. Emits ShipmentRegistered and ShipmentStatusChanged.',
    ].join('\n\n'),
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Any unique string (1-200 visible ASCII characters); retry with the same one.' })
  @ApiCreatedResponse({ type: ShipmentView, description: 'The shipment.' })
  @ApiProblems(400, 401, 403, 409, 422, 503)
  async registerPickup(
    @CurrentCaller() caller: Caller,
    @CallerCredential() authorization: string,
    @Body() request: RegisterPickupRequest,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ShipmentView> {
    const outcome = await this.pickups.register(caller, authorization, request, idempotencyKey);
    return answerCreated(response, `/api/v1/shipments/${outcome.result.id}`, outcome);
  }

  @Post(':id/handover')
  @Access(PostalAccess.handOver)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Hand a collected dossier over to the agency',
    description: [
      'The sealed envelope reached the receiving agency: by a reception officer of the agency (or the postal operator). The shipment becomes `delivered` (unless the carrier reported it already; its time then stands) and the dossier is received by intake on the post channel, on the caller\'s behalf, with the hand-over time as its receipt time; the shipment then carries the dossier code. Repeating it receives nothing twice.',
      'A shipment that cannot be delivered (cancelled, returned) is a 409 `transition-not-allowed`; intake\'s refusals are passed on (fields under `dossier.`).',
    ].join('\n\n'),
  })
  @ApiParam(ID_PARAM)
  @ApiOkResponse({ type: ShipmentView, description: 'The shipment, with the dossier code.' })
  @ApiProblems(400, 401, 403, 404, 409, 422, 503)
  handover(
    @CurrentCaller() caller: Caller,
    @CallerCredential() authorization: string,
    @Param('id') id: string,
    @Body() request: HandoverRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ShipmentView> {
    return this.tiedToDossier(caller, id, response, this.pickups.handover(caller, authorization, id, request));
  }

  @Post(':id/cancellation')
  @Access(PostalAccess.cancelShipment)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Cancel a shipment',
    description:
      'Before the carrier collects the parcel: by a reception officer of its agency or an admin (and the postal operator, for a dossier it collected). A result\'s order already with the carrier is cancelled there first (409 `carrier-refused-cancellation` if it is too late, 503 when the carrier is down). Later, a 409 `transition-not-allowed` naming `currentStatus`. Emits ShipmentStatusChanged.',
  })
  @ApiParam(ID_PARAM)
  @ApiOkResponse({ type: ShipmentView, description: 'The shipment, cancelled.' })
  @ApiProblems(400, 401, 403, 404, 409, 503)
  cancel(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() request: CancelShipmentRequest, @Res({ passthrough: true }) response: Response): Promise<ShipmentView> {
    return this.tiedToDossier(caller, id, response, this.shipments.cancel(caller, id, request));
  }

  /** Names the shipment's dossier for the gateway's audit log, whatever the outcome (the path has the shipment's id only). */
  private async tiedToDossier(caller: Caller, id: string, response: Response, action: Promise<ShipmentView>): Promise<ShipmentView> {
    try {
      const shipment = await action;
      setAuditHints(response, { dossierCode: shipment.dossierCode });
      return shipment;
    } catch (error) {
      setAuditHints(response, { dossierCode: await this.shipments.dossierCodeOf(caller, id) });
      throw error;
    }
  }
}
