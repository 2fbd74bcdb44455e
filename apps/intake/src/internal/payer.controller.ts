import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ProblemException, ServiceTokenGuard } from '@onestop/platform';
import { DossiersRepository } from '../dossiers/dossiers.repository.js';

/** Who pays a dossier's fees: the applicant's name and ID number, for the payment platform's receipt information. */
export interface DossierPayer {
  name: string;
  idNumber: string;
}

/**
 * For payment (service credential only, never routed by the gateway): the payer of a dossier, as
 * the national payment platform's INIT asks (HoTenNguoiNop, SoCMNDNguoiNop) and the electronic
 * receipt prints. Nothing else of the applicant.
 */
@ApiExcludeController()
@Controller('internal/dossiers')
@UseGuards(ServiceTokenGuard)
export class PayerController {
  constructor(private readonly dossiers: DossiersRepository) {}

  @Get(':code/payer')
  async payer(@Param('code') code: string): Promise<DossierPayer> {
    const dossier = await this.dossiers.find(code);
    if (!dossier) throw ProblemException.notFound('dossier-not-found', `No dossier ${code}.`);
    return { name: dossier.applicant.name, idNumber: dossier.applicant.idNumber };
  }
}
