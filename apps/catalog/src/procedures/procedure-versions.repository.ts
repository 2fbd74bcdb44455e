import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { DataSource, EntityManager, Repository } from 'typeorm';
import type { ProcedureContent, PublishingDecision } from '@onestop/domain';
import { decodeCursor, type FeedPage, type FeedQuery, readFeed } from '@onestop/platform';
import { ProcedureVersion, type VersionKind } from './procedure-version.entity.js';
import type { VersionForRow } from './search-row.js';

interface VersionRow {
  code: string;
  version_no: number;
  kind: VersionKind;
  decision_number: string;
  decision_date: string;
  effective_from: string;
  content: ProcedureContent;
  created_at: Date;
}

/** Every statement on the immutable versions (`procedure_versions`). */
@Injectable()
export class ProcedureVersionsRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(ProcedureVersion) private readonly versions: Repository<ProcedureVersion>,
  ) {}

  /** The one with the latest effective date on or before `date`, the highest number among equals. */
  async inForce(code: string, date: string): Promise<ProcedureVersion | null> {
    return this.versions
      .createQueryBuilder('v')
      .where('v.code = :code AND v.effective_from <= :date', { code, date })
      .orderBy('v.effective_from', 'DESC')
      .addOrderBy('v.version_no', 'DESC')
      .getOne();
  }

  /** A page in version order, after `cursor`. */
  async page(code: string, limit: number, cursor?: string): Promise<ProcedureVersion[]> {
    const builder = this.versions.createQueryBuilder('v').where('v.code = :code', { code }).orderBy('v.versionNo', 'ASC').take(limit + 1);
    if (cursor) builder.andWhere('v.versionNo > :after', { after: decodeCursor(cursor, { versionNo: 'integer' }).versionNo });
    return builder.getMany();
  }

  async count(code: string): Promise<number> {
    return this.versions.countBy({ code });
  }

  async find(code: string, versionNo: number): Promise<ProcedureVersion | null> {
    return this.versions.findOneBy({ code, versionNo });
  }

  async latest(code: string, manager: EntityManager): Promise<ProcedureVersion> {
    return manager.findOneOrFail(ProcedureVersion, { where: { code }, order: { versionNo: 'DESC' } });
  }

  async record(code: string, versionNo: number, kind: VersionKind, decision: PublishingDecision, content: ProcedureContent, manager: EntityManager): Promise<ProcedureVersion> {
    return manager.save(
      manager.create(ProcedureVersion, {
        code,
        versionNo,
        kind,
        decisionNumber: decision.number,
        decisionDate: decision.date,
        effectiveFrom: decision.effectiveFrom,
        content,
      }),
    );
  }

  /** Every version of these codes, by code, in number order. */
  async ofCodes(codes: string[], manager: EntityManager): Promise<Map<string, VersionForRow[]>> {
    const rows = (await manager.query(
      `SELECT code, version_no, kind, effective_from::text AS effective_from, content FROM procedure_versions WHERE code = ANY($1::text[]) ORDER BY code, version_no`,
      [codes],
    )) as Array<{ code: string; version_no: number; kind: VersionKind; effective_from: string; content: ProcedureContent }>;
    const byCode = new Map<string, VersionForRow[]>();
    for (const r of rows) {
      const list = byCode.get(r.code) ?? [];
      list.push({ versionNo: r.version_no, kind: r.kind, effectiveFrom: r.effective_from, content: r.content });
      byCode.set(r.code, list);
    }
    return byCode;
  }

  /** The national portal's change feed: every version in commit order. */
  async feed(query: FeedQuery): Promise<FeedPage<ProcedureVersion>> {
    const page = await readFeed<VersionRow>(
      this.dataSource.manager,
      { from: 'procedure_versions v', select: 'v.code, v.version_no, v.kind, v.decision_number, v.decision_date::text AS decision_date, v.effective_from::text AS effective_from, v.content, v.created_at', txidColumn: 'v.txid', idColumn: 'v.feed_id' },
      query,
    );
    return {
      ...page,
      items: page.items.map((row) => ({
        code: row.code,
        versionNo: row.version_no,
        kind: row.kind,
        decisionNumber: row.decision_number,
        decisionDate: row.decision_date,
        effectiveFrom: row.effective_from,
        content: row.content,
        createdAt: new Date(row.created_at),
      })),
    };
  }
}
