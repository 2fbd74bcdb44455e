import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Procedure } from './procedure.entity.js';
import { ProcedureVersion } from './procedure-version.entity.js';
import { ProceduresController } from './procedures.controller.js';
import { ProceduresService } from './procedures.service.js';
import { ProcedureImportService } from './procedure-import.service.js';
import { ProcedurePromotionService } from './procedure-promotion.service.js';
import { ProceduresRepository } from './procedures.repository.js';
import { ProcedureVersionsRepository } from './procedure-versions.repository.js';

@Module({
  imports: [TypeOrmModule.forFeature([Procedure, ProcedureVersion])],
  controllers: [ProceduresController],
  providers: [ProceduresService, ProcedureImportService, ProcedurePromotionService, ProceduresRepository, ProcedureVersionsRepository],
  exports: [ProceduresService, ProceduresRepository],
})
export class ProceduresModule {}
