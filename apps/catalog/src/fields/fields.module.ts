import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Field } from './field.entity.js';
import { FieldsController } from './fields.controller.js';
import { FieldsRepository } from './fields.repository.js';

@Module({ imports: [TypeOrmModule.forFeature([Field])], controllers: [FieldsController], providers: [FieldsRepository], exports: [FieldsRepository] })
export class FieldsModule {}
