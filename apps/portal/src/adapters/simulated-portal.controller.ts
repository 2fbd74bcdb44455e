import { Body, Controller, Get, Put, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';
import { ProblemException, ServiceTokenGuard } from '@onestop/platform';
import { PortalConfig } from '../config.js';
import { SimulatedNationalPortal, type SimulatedPortalBehaviour } from './simulated-national-portal.js';

export class SimulatedPortalBehaviourRequest {
  @IsOptional()
  @IsBoolean()
  available?: boolean;
}

/** Development and tests only (service credential, not routed by the gateway): take the simulated portal down and back up. */
@ApiExcludeController()
@Controller('internal/simulated-national-portal')
@UseGuards(ServiceTokenGuard)
export class SimulatedPortalController {
  constructor(
    private readonly simulated: SimulatedNationalPortal,
    private readonly config: PortalConfig,
  ) {}

  @Get()
  behaviour(): SimulatedPortalBehaviour {
    this.requireActive();
    return this.simulated.currentBehaviour();
  }

  @Put()
  behave(@Body() change: SimulatedPortalBehaviourRequest): SimulatedPortalBehaviour {
    this.requireActive();
    return this.simulated.behave(change);
  }

  private requireActive(): void {
    if (this.config.NATIONAL_PORTAL !== 'simulated') throw ProblemException.notFound('portal-not-simulated', 'The simulated portal is not the configured portal.');
  }
}
