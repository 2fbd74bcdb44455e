import { Module } from '@nestjs/common';
import { CaseRecordsModule } from '../cases/case-records.module.js';
import { ClientsModule } from '../clients/clients.module.js';
import { LatenessSweepService } from './lateness-sweep.service.js';

/** The sweep that marks cases late, at risk, or past their step's share. */
@Module({
  imports: [CaseRecordsModule, ClientsModule],
  providers: [LatenessSweepService],
})
export class LatenessModule {}
