import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ProblemException, ServiceTokenGuard } from '@onestop/platform';
import type { ResultDeliveryDetails } from '@onestop/domain';
import { DossiersRepository } from '../dossiers/dossiers.repository.js';

/**
 * For postal (service credential only, never routed by the gateway): the result's delivery
 * address and receiver of a dossier, so a ResultReady by post becomes a shipment. The receiver
 * is the one the applicant named for the result, else the applicant.
 */
@ApiExcludeController()
@Controller('internal/dossiers')
@UseGuards(ServiceTokenGuard)
export class PostalDeliveryController {
  constructor(private readonly dossiers: DossiersRepository) {}

  @Get(':code/result-delivery')
  async resultDelivery(@Param('code') code: string): Promise<ResultDeliveryDetails> {
    const dossier = await this.dossiers.find(code);
    if (!dossier) throw ProblemException.notFound('dossier-not-found', `No dossier ${code}.`);
    const delivery = dossier.resultDelivery;
    return {
      dossierCode: dossier.code,
      method: delivery.method,
      receivingAgencyCode: dossier.receivingAgencyCode,
      receivingAgencyName: dossier.receivingAgencyName,
      procedureName: dossier.procedureName,
      receiver: {
        name: delivery.receiverName ?? dossier.applicant.name,
        phone: delivery.receiverPhone ?? dossier.applicant.phone,
        address: delivery.address ?? dossier.applicant.address,
      },
    };
  }
}
