import { Module } from '@nestjs/common';
import { ServiceIndexComponentsRepository } from './service-index-components.repository.js';
import { TargetsController } from './targets.controller.js';
import { TargetsRepository } from './targets.repository.js';
import { TargetsService } from './targets.service.js';

@Module({
  controllers: [TargetsController],
  providers: [TargetsService, TargetsRepository, ServiceIndexComponentsRepository],
  exports: [TargetsService],
})
export class TargetsModule {}
