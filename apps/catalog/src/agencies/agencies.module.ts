import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdministrativeLevel } from '../levels/level.entity.js';
import { Agency } from './agency.entity.js';
import { AgenciesController } from './agencies.controller.js';
import { AgenciesService } from './agencies.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Agency, AdministrativeLevel])],
  controllers: [AgenciesController],
  providers: [AgenciesService],
  exports: [AgenciesService],
})
export class AgenciesModule {}
