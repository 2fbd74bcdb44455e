import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { DataSource, EntityManager, Repository } from 'typeorm';
import { decodeCursor } from '@onestop/platform';
import { Field } from './field.entity.js';

/** Every statement on the fields of administration (`fields`). */
@Injectable()
export class FieldsRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(Field) private readonly fields: Repository<Field>,
  ) {}

  /** A page in code order, after `cursor`. */
  async page(limit: number, cursor?: string): Promise<Field[]> {
    const builder = this.fields.createQueryBuilder('f').orderBy('f.code', 'ASC').take(limit + 1);
    if (cursor) builder.where('f.code > :after', { after: decodeCursor(cursor, { code: 'string' }).code });
    return builder.getMany();
  }

  async find(code: string): Promise<Field | null> {
    return this.fields.findOneBy({ code });
  }

  /** False when the code is taken. */
  async insert(field: Field): Promise<boolean> {
    const inserted = (await this.fields.query(`INSERT INTO fields (code, name) VALUES ($1, $2) ON CONFLICT (code) DO NOTHING RETURNING code`, [field.code, field.name])) as unknown[];
    return inserted.length > 0;
  }

  /** Fields of an empty catalog (the demo load): a code taken is an error. */
  async insertAll(fields: Field[], manager: EntityManager = this.dataSource.manager): Promise<void> {
    for (const field of fields) await manager.query(`INSERT INTO fields (code, name) VALUES ($1, $2)`, [field.code, field.name]);
  }

  /** False when there is no such field. */
  async rename(code: string, name: string): Promise<boolean> {
    const result = await this.fields.update({ code }, { name });
    return Boolean(result.affected);
  }
}
