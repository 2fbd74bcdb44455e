import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Procedure } from './procedure.entity.js';
import { ProceduresController } from './procedures.controller.js';
import { ProceduresService } from './procedures.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Procedure])],
  controllers: [ProceduresController],
  providers: [ProceduresService],
})
export class ProceduresModule {}
