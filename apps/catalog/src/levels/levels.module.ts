import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdministrativeLevel } from './level.entity.js';
import { LevelsController } from './levels.controller.js';

@Module({ imports: [TypeOrmModule.forFeature([AdministrativeLevel])], controllers: [LevelsController] })
export class LevelsModule {}
