import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { DataSource, EntityManager, Repository } from 'typeorm';
import { decodeCursor, whereTextMatches } from '@onestop/platform';
import { Agency } from './agency.entity.js';
import type { AgencyQuery } from './agency.dto.js';

/** An agency as it is written: every column a caller gives. */
export interface NewAgency {
  code: string;
  name: string;
  address: string | null;
  levelCode: string;
  parentCode: string | null;
  onlineOnlyWeekdays: number[];
}

/** Every statement on the agency tree (`agencies`). */
@Injectable()
export class AgenciesRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(Agency) private readonly agencies: Repository<Agency>,
  ) {}

  async find(code: string): Promise<Agency | null> {
    return this.agencies.findOneBy({ code });
  }

  async exists(code: string): Promise<boolean> {
    return this.agencies.existsBy({ code });
  }

  /** A page in code order. */
  async page(query: AgencyQuery): Promise<Agency[]> {
    const builder = this.agencies.createQueryBuilder('a').orderBy('a.code', 'ASC').limit(query.limit + 1);
    if (query.cursor) builder.andWhere('a.code > :after', { after: decodeCursor(query.cursor, { code: 'string' }).code });
    if (query.parentCode) builder.andWhere('a.parent_code = :parent', { parent: query.parentCode });
    if (query.levelCode) builder.andWhere('a.level_code = :level', { level: query.levelCode });
    if (query.q) whereTextMatches(builder, 'a.name', query.q);
    return builder.getMany();
  }

  /** False when the code is taken. */
  async insert(agency: NewAgency): Promise<boolean> {
    const inserted = (await this.agencies.query(
      `INSERT INTO agencies (code, name, address, level_code, parent_code, online_only_weekdays)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (code) DO NOTHING RETURNING code`,
      [agency.code, agency.name, agency.address, agency.levelCode, agency.parentCode, agency.onlineOnlyWeekdays],
    )) as unknown[];
    return inserted.length > 0;
  }

  /** Agencies of an empty catalog (the demo load), parents first: a code taken is an error. */
  async insertAll(agencies: NewAgency[], manager: EntityManager = this.dataSource.manager): Promise<void> {
    for (const agency of agencies) {
      await manager.query(
        `INSERT INTO agencies (code, name, address, level_code, parent_code, online_only_weekdays) VALUES ($1, $2, $3, $4, $5, $6)`,
        [agency.code, agency.name, agency.address, agency.levelCode, agency.parentCode, agency.onlineOnlyWeekdays],
      );
    }
  }

  async save(agency: Agency): Promise<Agency> {
    return this.agencies.save(agency);
  }

  /** Whether `candidate` is `root` or one of its descendants. */
  async isWithin(candidate: string, root: string): Promise<boolean> {
    const rows = (await this.agencies.query(
      `WITH RECURSIVE subtree AS (
         SELECT code FROM agencies WHERE code = $1
         UNION SELECT a.code FROM agencies a JOIN subtree s ON a.parent_code = s.code)
       SELECT 1 FROM subtree WHERE code = $2`,
      [root, candidate],
    )) as unknown[];
    return rows.length > 0;
  }
}
