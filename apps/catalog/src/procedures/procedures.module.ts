import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Procedure } from './procedure.entity.js';
import { ProcedureVersion } from './procedure-version.entity.js';
import { ProceduresController } from './procedures.controller.js';
import { ProceduresService } from './procedures.service.js';
import { ProcedureImportService } from './procedure-import.service.js';
import { ProcedurePromotionService } from './procedure-promotion.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Procedure, ProcedureVersion])],
  controllers: [ProceduresController],
  providers: [ProceduresService, ProcedureImportService, ProcedurePromotionService],
  exports: [ProceduresService],
})
export class ProceduresModule {}
