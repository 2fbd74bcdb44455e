import { Body, Controller, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Access, ApiProblems } from '@onestop/platform';
import { CarrierCallbackRequest } from '../shipments/shipment.dto.js';
import { CarrierCallbackOutcome } from '../shipments/shipment.views.js';
import { SIGNATURE_HEADER } from './callback-signature.js';
import { CarrierReports } from './carrier-reports.service.js';
import { CarrierSignatureGuard } from './carrier-signature.guard.js';
import { PostalAccess } from '../access-policy.js';

@ApiTags('shipments')
@Controller('carrier-callbacks')
export class CarrierCallbacksController {
  constructor(private readonly reports: CarrierReports) {}

  @Post(':carrier')
  @Access(PostalAccess.receiveCarrierCallback)
  @HttpCode(200)
  @UseGuards(CarrierSignatureGuard)
  @ApiOperation({
    summary: 'Receive a carrier\'s status callback',
    description: [
      'For the carrier, no sign-in: the body is signed with the secret shared with it (HMAC-SHA256 of the exact bytes, hex, in `X-Carrier-Signature: sha256=…`); a missing or bad signature is a 401 `invalid-signature`, and logged.',
      'A callback repeated with the same `eventId` changes nothing (`duplicate`). One older than news already applied (by `occurredAt`, then `sequence`) is kept in the history but does not move the shipment back (`out_of_order`). A status the shipment cannot take is a 409 `transition-not-allowed` naming `currentStatus`; an unknown tracking number a 404.',
    ].join('\n\n'),
  })
  @ApiParam({ name: 'carrier', example: 'vnpost', description: 'The carrier\'s code.' })
  @ApiHeader({ name: SIGNATURE_HEADER, required: true, description: 'sha256=<hex HMAC-SHA256 of the body>' })
  @ApiOkResponse({ type: CarrierCallbackOutcome, description: 'What the callback did.' })
  @ApiProblems(400, 401, 404, 409)
  async receive(@Param('carrier') _carrier: string, @Body() callback: CarrierCallbackRequest): Promise<CarrierCallbackOutcome> {
    const { outcome, shipmentId, status } = await this.reports.ingest(
      {
        eventId: callback.eventId,
        trackingNumber: callback.trackingNumber,
        status: callback.status,
        occurredAt: new Date(callback.occurredAt),
        sequence: callback.sequence ?? null,
        reasonCode: callback.reasonCode ?? null,
        reason: callback.reason ?? null,
        location: callback.location ?? null,
      },
      'carrier',
    );
    return { outcome, shipmentId, status };
  }
}
