import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { Access, ApiProblems, type Caller, CurrentCaller, ProblemException } from '@onestop/platform';
import { ShipmentView } from '../shipments/shipment.views.js';
import { ShipmentsService } from '../shipments/shipments.service.js';
import { CarrierRefusedError } from './carrier.js';
import { SIMULATED_MOVES, type SimulatedMove, SimulatedCarrier } from './simulated-carrier.js';
import { PostalAccess } from '../access-policy.js';

export class SimulatedParcelMoveRequest {
  @ApiProperty({ enum: SIMULATED_MOVES, example: 'delivered', description: 'What the simulated carrier does with the parcel now.' })
  @IsIn(SIMULATED_MOVES)
  move: SimulatedMove;
}

/**
 * For demonstrations with the simulated carrier (`CARRIER=simulated`, as `npm start` runs):
 * an administrator moves a parcel on instead of waiting for its schedule.
 */
@ApiTags('shipments')
@Controller('shipments')
export class SimulatedParcelsController {
  constructor(
    private readonly simulated: SimulatedCarrier,
    private readonly shipments: ShipmentsService,
  ) {}

  @Post(':id/simulated-moves')
  @Access(PostalAccess.simulateMoves)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Move a simulated parcel on (demonstrations)',
    description:
      'With the simulated carrier only (404 `carrier-not-simulated` otherwise): the parcel of a result delivery is collected, in transit, delivered or fails a delivery attempt now, with the steps before it that had not happened; what follows is scheduled again from now (SIMULATED_CARRIER_*_AFTER_MINUTES), and the carrier calls back at once, so the shipment, the case and the dossier move as they would with a real carrier. A parcel delivered, returning or back with the sender, or a step already passed, is a 409 `carrier-refused-move`.',
  })
  @ApiParam({ name: 'id', example: '6f1c2a8e-5b7d-4c1e-9a3f-2d4e6b8a0c1f', description: 'Shipment id.' })
  @ApiOkResponse({ type: ShipmentView, description: 'The shipment after the carrier\'s callbacks.' })
  @ApiProblems(400, 401, 403, 404, 409)
  async move(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() request: SimulatedParcelMoveRequest): Promise<ShipmentView> {
    if (!this.simulated.active) throw ProblemException.notFound('carrier-not-simulated', 'The simulated carrier is not the configured carrier.');
    const shipment = await this.shipments.visible(caller, id);
    if (shipment.carrier !== this.simulated.code || !shipment.trackingNumber) {
      throw ProblemException.conflict('carrier-refused-move', 'This shipment has no parcel with the simulated carrier (a dossier collected by post, or an order not yet accepted).', { currentStatus: shipment.state });
    }
    try {
      await this.simulated.move(shipment.trackingNumber, request.move);
    } catch (error) {
      if (error instanceof CarrierRefusedError) throw ProblemException.conflict('carrier-refused-move', `The simulated carrier cannot do that: ${error.message}.`, { currentStatus: shipment.state });
      throw error;
    }
    return this.shipments.view(caller, id);
  }
}
