import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LevelsModule } from '../levels/levels.module.js';
import { Agency } from './agency.entity.js';
import { AgenciesController } from './agencies.controller.js';
import { AgenciesRepository } from './agencies.repository.js';
import { AgenciesService } from './agencies.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Agency]), LevelsModule],
  controllers: [AgenciesController],
  providers: [AgenciesService, AgenciesRepository],
  exports: [AgenciesService, AgenciesRepository],
})
export class AgenciesModule {}
