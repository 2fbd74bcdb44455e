import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ProblemException, ServiceTokenGuard } from '@onestop/platform';
import { DossiersRepository } from '../dossiers/dossiers.repository.js';

/** That a dossier was received, and by and for which agencies: no personal data. */
export interface DossierReception {
  dossierCode: string;
  receivingAgencyCode: string;
  competentAgencyCode: string;
  receivedAt: string;
}

/**
 * For workflow (service credential only, never routed by the gateway): whether intake received
 * a dossier whose case workflow has not opened yet, so an officer acting on it a moment after
 * reception is told to try again rather than that it does not exist.
 */
@ApiExcludeController()
@Controller('internal/dossiers')
@UseGuards(ServiceTokenGuard)
export class DossierReceptionController {
  constructor(private readonly dossiers: DossiersRepository) {}

  @Get(':code/reception')
  async reception(@Param('code') code: string): Promise<DossierReception> {
    const dossier = await this.dossiers.find(code);
    if (!dossier) throw ProblemException.notFound('dossier-not-found', `No dossier ${code}.`);
    return { dossierCode: dossier.code, receivingAgencyCode: dossier.receivingAgencyCode, competentAgencyCode: dossier.competentAgencyCode, receivedAt: dossier.receivedAt.toISOString() };
  }
}
