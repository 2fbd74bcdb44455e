import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Field } from './field.entity.js';
import { FieldsController } from './fields.controller.js';

@Module({ imports: [TypeOrmModule.forFeature([Field])], controllers: [FieldsController] })
export class FieldsModule {}
