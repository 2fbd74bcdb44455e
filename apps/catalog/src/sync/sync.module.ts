import { Module } from '@nestjs/common';
import { ProceduresModule } from '../procedures/procedures.module.js';
import { ProcedureSyncController } from './procedure-sync.controller.js';

@Module({ imports: [ProceduresModule], controllers: [ProcedureSyncController] })
export class SyncModule {}
