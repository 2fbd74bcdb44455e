import { Body, Controller, Get, Put, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { ProblemException, ServiceTokenGuard } from '@onestop/platform';
import { SimulatedCarrier, type SimulatedCarrierBehaviour } from './simulated-carrier.js';

export class SimulatedCarrierBehaviourRequest {
  @IsOptional()
  @IsBoolean()
  available?: boolean;

  @IsOptional()
  @IsIn(['succeed', 'fail'])
  deliveries?: 'succeed' | 'fail';

  @IsOptional()
  @IsBoolean()
  callbacks?: boolean;
}

/**
 * Development and tests only (service credential, not routed by the gateway): tell the
 * simulated carrier to be down, to fail its deliveries, or to stop calling back. 404 when
 * another carrier is configured.
 */
@ApiExcludeController()
@Controller('internal/simulated-carrier')
@UseGuards(ServiceTokenGuard)
export class SimulatedCarrierController {
  constructor(private readonly simulated: SimulatedCarrier) {}

  @Get()
  behaviour(): SimulatedCarrierBehaviour {
    this.requireActive();
    return this.simulated.currentBehaviour();
  }

  @Put()
  behave(@Body() change: SimulatedCarrierBehaviourRequest): SimulatedCarrierBehaviour {
    this.requireActive();
    return this.simulated.behave(change);
  }

  private requireActive(): void {
    if (!this.simulated.active) throw ProblemException.notFound('carrier-not-simulated', 'The simulated carrier is not the configured carrier.');
  }
}
