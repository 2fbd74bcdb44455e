import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdministrativeLevel } from './level.entity.js';
import { LevelsController } from './levels.controller.js';
import { LevelsRepository } from './levels.repository.js';

@Module({ imports: [TypeOrmModule.forFeature([AdministrativeLevel])], controllers: [LevelsController], providers: [LevelsRepository], exports: [LevelsRepository] })
export class LevelsModule {}
