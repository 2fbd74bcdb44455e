import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { DOSSIER_CODE_PATTERN } from '@onestop/domain';
import { ServiceTokenGuard } from '@onestop/platform';
import { ShipmentsService } from '../shipments/shipments.service.js';
import type { PublicShipmentTracking } from '../shipments/shipment.views.js';

export class TrackingQuery {
  @Matches(DOSSIER_CODE_PATTERN, { message: 'dossierCode must be a dossier code' })
  dossierCode: string;
}

/** For intake's public lookup (service credential only): a dossier's shipments without personal data. */
@ApiExcludeController()
@Controller('internal/shipments')
@UseGuards(ServiceTokenGuard)
export class InternalTrackingController {
  constructor(private readonly shipments: ShipmentsService) {}

  @Get('tracking')
  async tracking(@Query() query: TrackingQuery): Promise<{ items: PublicShipmentTracking[] }> {
    return { items: await this.shipments.publicTracking(query.dossierCode) };
  }
}
