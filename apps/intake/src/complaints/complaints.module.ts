import { Module } from '@nestjs/common';
import { DossiersModule } from '../dossiers/dossiers.module.js';
import { ComplaintsController } from './complaints.controller.js';
import { ComplaintsRepository } from './complaints.repository.js';
import { ComplaintsService } from './complaints.service.js';

/** Complaints and petitions, and the dossier one names. */
@Module({
  imports: [DossiersModule],
  controllers: [ComplaintsController],
  providers: [ComplaintsRepository, ComplaintsService],
})
export class ComplaintsModule {}
