import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { DataSource, EntityManager, Repository } from 'typeorm';
import {
  defaultSteps,
  type ProcedureContent,
  type ProcedureVersionSummaryV1,
  procedureRuleViolations,
  processingMinutes,
  type PublishingDecision,
} from '@onestop/domain';
import { decodeCursor, type FieldProblem, OutboxService, type OutboxTransaction, type Page, ProblemException, toPage } from '@onestop/platform';
import { whereWordsMatch } from '@onestop/platform';
import { Procedure } from './procedure.entity.js';
import { ProcedureVersion, type VersionKind } from './procedure-version.entity.js';
import type { DecisionDto, ProcedureContentDto, ProcedureQuery } from './procedure.dto.js';
import type { ProcedureChangeResult, ProcedureSummary, ProcedureVersionView } from './procedure.views.js';

/** Key order and absent optional values must not make two equal contents look different. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

function todayInVietnam(): string {
  return new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
}

function toDecision(decision: DecisionDto): PublishingDecision {
  return { number: decision.number.trim(), date: decision.date, effectiveFrom: decision.effectiveFrom };
}

export function toVersionView(version: ProcedureVersion): ProcedureVersionView {
  return {
    code: version.code,
    versionNo: version.versionNo,
    kind: version.kind,
    acceptsDossiers: version.kind !== 'abolished',
    decision: { number: version.decisionNumber, date: version.decisionDate, effectiveFrom: version.effectiveFrom },
    procedure: version.content,
    recordedAt: version.createdAt.toISOString(),
  };
}

function toSummary(procedure: Procedure): ProcedureSummary {
  const { code, status, versionNo, name, fieldCode, levelCode, competentAgencyCode, receivingAgencyCodes, processingMinutes: minutes } = procedure;
  return {
    code,
    status,
    versionNo,
    name,
    fieldCode,
    levelCode,
    competentAgencyCode,
    receivingAgencyCodes,
    processingMinutes: minutes,
    onlineLevel: procedure.onlineLevel,
    onlineMode: procedure.onlineMode,
    onTheSpotEligible: procedure.onTheSpotEligible,
    acceptsDossierByPost: procedure.acceptsDossierByPost,
    deliversResultByPost: procedure.deliversResultByPost,
    onlineOnlyListed: procedure.onlineOnlyListed,
    integratedNationalPortal: procedure.integratedNationalPortal,
    effectiveFrom: procedure.effectiveFrom,
    abolishedFrom: procedure.abolishedFrom,
  };
}

function eventSummary(code: string, versionNo: number, content: ProcedureContent, decision: PublishingDecision): ProcedureVersionSummaryV1 {
  return {
    code,
    versionNo,
    name: content.name,
    fieldCode: content.fieldCode,
    levelCode: content.levelCode,
    competentAgencyCode: content.competentAgencyCode,
    receivingAgencyCodes: content.receivingAgencyCodes,
    onlineLevel: content.onlineLevel,
    onlineMode: content.onlineMode,
    processingMinutes: processingMinutes(content.processingTime),
    onTheSpotEligible: content.onTheSpotEligible,
    acceptsDossierByPost: content.acceptsDossierByPost,
    deliversResultByPost: content.deliversResultByPost,
    onlineOnlyListed: content.onlineOnlyListed,
    integratedNationalPortal: content.integratedNationalPortal,
    decision,
  };
}

/**
 * Procedures change only through publishing decisions: announce (publish), amend, abolish.
 * Each change is a new immutable version, the flattened current row, and an event, written in
 * one transaction.
 */
@Injectable()
export class ProceduresService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(Procedure) private readonly procedures: Repository<Procedure>,
    @InjectRepository(ProcedureVersion) private readonly versions: Repository<ProcedureVersion>,
    private readonly outbox: OutboxService,
  ) {}

  async search(query: ProcedureQuery): Promise<Page<ProcedureSummary>> {
    const builder = this.procedures.createQueryBuilder('p').orderBy('p.code', 'ASC').limit(query.limit + 1);
    if (query.cursor) builder.andWhere('p.code > :after', { after: decodeCursor(query.cursor, { code: 'string' }).code });
    if (query.status !== 'all') builder.andWhere('p.status = :status', { status: query.status });
    if (query.q) {
      const code = query.q.trim();
      if (/^\d\.\d{1,6}/.test(code)) builder.andWhere('p.code LIKE :codePrefix', { codePrefix: `${code.replace(/[\\%_]/g, '\\$&')}%` });
      else whereWordsMatch(builder, 'p.search_words', query.q);
    }
    if (query.fieldCode) builder.andWhere('p.field_code = :fieldCode', { fieldCode: query.fieldCode });
    if (query.levelCode) builder.andWhere('p.level_code = :levelCode', { levelCode: query.levelCode });
    if (query.agencyCode) {
      builder.andWhere('(p.competent_agency_code = :agency OR p.receiving_agency_codes @> ARRAY[:agency]::text[])', { agency: query.agencyCode });
    }
    if (query.onlineLevel) builder.andWhere('p.online_level = :onlineLevel', { onlineLevel: query.onlineLevel });
    if (query.onlineMode) builder.andWhere('p.online_mode = :onlineMode', { onlineMode: query.onlineMode });
    const flags = ['onTheSpotEligible', 'acceptsDossierByPost', 'deliversResultByPost', 'onlineOnlyListed', 'integratedNationalPortal'] as const;
    for (const flag of flags) {
      if (query[flag] !== undefined) builder.andWhere(`p.${flag} = :${flag}`, { [flag]: query[flag] });
    }
    const rows = await builder.getMany();
    return toPage(rows.map(toSummary), query.limit, (last) => ({ code: last.code }));
  }

  /** The version in force on `at` (today in Vietnam when omitted). */
  async versionInForce(code: string, at?: string): Promise<ProcedureVersionView> {
    const date = at ?? todayInVietnam();
    const version = await this.versions
      .createQueryBuilder('v')
      .where('v.code = :code AND v.effective_from <= :date', { code, date })
      .orderBy('v.effective_from', 'DESC')
      .addOrderBy('v.version_no', 'DESC')
      .getOne();
    if (version) return toVersionView(version);
    if (await this.procedures.existsBy({ code })) {
      throw ProblemException.notFound('procedure-not-in-force', `Procedure ${code} is not yet in force on ${date}.`);
    }
    throw ProblemException.notFound('procedure-not-found', `No procedure with code ${code}.`);
  }

  async listVersions(code: string): Promise<ProcedureVersionView[]> {
    const versions = await this.versions.find({ where: { code }, order: { versionNo: 'ASC' } });
    if (versions.length === 0) throw ProblemException.notFound('procedure-not-found', `No procedure with code ${code}.`);
    return versions.map(toVersionView);
  }

  async version(code: string, versionNo: number): Promise<ProcedureVersionView> {
    const version = await this.versions.findOneBy({ code, versionNo });
    if (!version) throw ProblemException.notFound('procedure-version-not-found', `Procedure ${code} has no version ${versionNo}.`);
    return toVersionView(version);
  }

  async publish(code: string, decisionDto: DecisionDto, contentDto: ProcedureContentDto): Promise<ProcedureVersionView> {
    const decision = toDecision(decisionDto);
    const content = await this.checkedContent(contentDto, decision);
    return this.outbox.transaction(async (tx) => {
      const inserted = (await tx.manager.query(`INSERT INTO procedures ${FLAT_COLUMNS} VALUES ${FLAT_VALUES} ON CONFLICT (code) DO NOTHING RETURNING code`, [
        ...flatValues(code, 'active', 1, content, decision.effectiveFrom, null),
      ])) as unknown[];
      if (inserted.length === 0) throw ProblemException.conflict('procedure-exists', `Procedure ${code} is already published; amend it instead.`);
      return this.recordVersion(tx, code, 1, 'published', decision, content);
    });
  }

  async amend(code: string, decisionDto: DecisionDto, contentDto: ProcedureContentDto): Promise<ProcedureVersionView> {
    const decision = toDecision(decisionDto);
    const content = await this.checkedContent(contentDto, decision);
    return this.outbox.transaction(async (tx) => {
      const latest = await this.lockLatest(tx.manager, code, decision);
      await tx.manager.query(`UPDATE procedures SET ${FLAT_UPDATE} WHERE code = $1`, flatValues(code, 'active', latest.versionNo + 1, content, decision.effectiveFrom, null));
      return this.recordVersion(tx, code, latest.versionNo + 1, 'amended', decision, content);
    });
  }

  async abolish(code: string, decisionDto: DecisionDto): Promise<ProcedureVersionView> {
    const decision = toDecision(decisionDto);
    return this.outbox.transaction(async (tx) => {
      const latest = await this.lockLatest(tx.manager, code, decision);
      const versionNo = latest.versionNo + 1;
      await tx.manager.query(
        `UPDATE procedures SET status = 'abolished', version_no = $2, abolished_from = $3, updated_at = now() WHERE code = $1`,
        [code, versionNo, decision.effectiveFrom],
      );
      const version = await tx.manager.save(
        tx.manager.create(ProcedureVersion, {
          code,
          versionNo,
          kind: 'abolished',
          decisionNumber: decision.number,
          decisionDate: decision.date,
          effectiveFrom: decision.effectiveFrom,
          content: latest.content,
        }),
      );
      await tx.publish('ProcedureAbolished', { code, versionNo, decision });
      return toVersionView(version);
    });
  }

  /**
   * The national portal's idempotent upsert: publishes an unknown code, amends a changed one,
   * and leaves an identical one alone (no new version, no event).
   */
  async upsert(code: string, decisionDto: DecisionDto, contentDto: ProcedureContentDto): Promise<ProcedureChangeResult> {
    for (let attempt = 0; attempt < 2; attempt++) {
      const latest = await this.versions.findOne({ where: { code }, order: { versionNo: 'DESC' } });
      if (!latest) {
        try {
          return { outcome: 'published', version: await this.publish(code, decisionDto, contentDto) };
        } catch (error) {
          // Another import published it meanwhile: judge again against what it wrote.
          if (error instanceof ProblemException && error.code === 'procedure-exists') continue;
          throw error;
        }
      }
      if (latest.kind === 'abolished') throw ProblemException.conflict('procedure-abolished', `Procedure ${code} was abolished; it cannot be changed.`);
      const content = await this.checkedContent(contentDto, toDecision(decisionDto));
      if (canonical(content) === canonical(latest.content)) return { outcome: 'unchanged', version: toVersionView(latest) };
      return { outcome: 'amended', version: await this.amend(code, decisionDto, contentDto) };
    }
    throw ProblemException.conflict('procedure-busy', `Procedure ${code} is being changed concurrently; try again.`);
  }

  private async recordVersion(
    tx: OutboxTransaction,
    code: string,
    versionNo: number,
    kind: Exclude<VersionKind, 'abolished'>,
    decision: PublishingDecision,
    content: ProcedureContent,
  ): Promise<ProcedureVersionView> {
    const version = await tx.manager.save(
      tx.manager.create(ProcedureVersion, {
        code,
        versionNo,
        kind,
        decisionNumber: decision.number,
        decisionDate: decision.date,
        effectiveFrom: decision.effectiveFrom,
        content,
      }),
    );
    await tx.publish(kind === 'published' ? 'ProcedurePublished' : 'ProcedureAmended', eventSummary(code, versionNo, content, decision));
    return toVersionView(version);
  }

  /** Locks the procedure for a change and checks the decision may follow the latest version. */
  private async lockLatest(manager: EntityManager, code: string, decision: PublishingDecision): Promise<ProcedureVersion> {
    const locked = (await manager.query(`SELECT status FROM procedures WHERE code = $1 FOR UPDATE`, [code])) as Array<{ status: string }>;
    if (locked.length === 0) throw ProblemException.notFound('procedure-not-found', `No procedure with code ${code}.`);
    if (locked[0].status === 'abolished') throw ProblemException.conflict('procedure-abolished', `Procedure ${code} was abolished; it cannot be changed.`);
    const latest = await manager.findOneOrFail(ProcedureVersion, { where: { code }, order: { versionNo: 'DESC' } });
    const problems: FieldProblem[] = [];
    if (decision.date < latest.decisionDate) {
      problems.push({ field: 'decision.date', reason: `is before ${latest.decisionDate}, the date of the decision behind version ${latest.versionNo}` });
    }
    if (decision.effectiveFrom < latest.effectiveFrom) {
      problems.push({ field: 'decision.effectiveFrom', reason: `is before ${latest.effectiveFrom}, when version ${latest.versionNo} took effect` });
    }
    if (problems.length) {
      throw ProblemException.unprocessable('decision-predates-current-version', problems.map((p) => `${p.field} ${p.reason}`).join('; '), problems);
    }
    return latest;
  }

  /** Checks references and business rules, and fills the default processing steps. */
  private async checkedContent(dto: ProcedureContentDto, decision: PublishingDecision): Promise<ProcedureContent> {
    const problems: FieldProblem[] = [];
    if (decision.effectiveFrom < decision.date) problems.push({ field: 'decision.effectiveFrom', reason: 'is before the decision was signed' });
    problems.push(...procedureRuleViolations(dto).map((v) => ({ field: `procedure.${v.field}`, reason: v.reason })));
    const agencyCodes = [...new Set([dto.competentAgencyCode, ...dto.receivingAgencyCodes, ...(dto.steps ?? []).map((s) => s.agencyCode)])];
    const [references] = (await this.dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM fields WHERE code = $1) AS field,
              EXISTS (SELECT 1 FROM administrative_levels WHERE code = $2) AS level,
              ARRAY(SELECT code FROM agencies WHERE code = ANY($3::text[])) AS agencies`,
      [dto.fieldCode, dto.levelCode, agencyCodes],
    )) as Array<{ field: boolean; level: boolean; agencies: string[] }>;
    if (!references.field) problems.push({ field: 'procedure.fieldCode', reason: `there is no field ${dto.fieldCode}` });
    if (!references.level) problems.push({ field: 'procedure.levelCode', reason: `there is no level ${dto.levelCode}` });
    const known = new Set(references.agencies);
    if (!known.has(dto.competentAgencyCode)) problems.push({ field: 'procedure.competentAgencyCode', reason: `there is no agency ${dto.competentAgencyCode}` });
    dto.receivingAgencyCodes.forEach((agency, i) => {
      if (!known.has(agency)) problems.push({ field: `procedure.receivingAgencyCodes[${i}]`, reason: `there is no agency ${agency}` });
    });
    (dto.steps ?? []).forEach((step, i) => {
      if (!known.has(step.agencyCode)) problems.push({ field: `procedure.steps[${i}].agencyCode`, reason: `there is no agency ${step.agencyCode}` });
    });
    if (problems.length) throw ProblemException.unprocessable('invalid-procedure', problems.map((p) => `${p.field} ${p.reason}`).join('; '), problems);
    const content = JSON.parse(JSON.stringify(dto)) as ProcedureContent;
    if (!content.steps?.length) {
      content.steps = defaultSteps(processingMinutes(content.processingTime), content.receivingAgencyCodes[0], content.competentAgencyCode);
    }
    return content;
  }
}

const FLAT_COLUMNS = `(code, status, version_no, name, field_code, level_code, competent_agency_code, receiving_agency_codes,
  processing_minutes, online_level, online_mode, on_the_spot_eligible, accepts_dossier_by_post, delivers_result_by_post,
  online_only_listed, integrated_national_portal, effective_from, abolished_from)`;
const FLAT_VALUES = `($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`;
const FLAT_UPDATE = `status = $2, version_no = $3, name = $4, field_code = $5, level_code = $6, competent_agency_code = $7,
  receiving_agency_codes = $8, processing_minutes = $9, online_level = $10, online_mode = $11, on_the_spot_eligible = $12,
  accepts_dossier_by_post = $13, delivers_result_by_post = $14, online_only_listed = $15, integrated_national_portal = $16,
  effective_from = $17, abolished_from = $18, updated_at = now()`;

function flatValues(code: string, status: string, versionNo: number, c: ProcedureContent, effectiveFrom: string, abolishedFrom: string | null): unknown[] {
  return [
    code,
    status,
    versionNo,
    c.name,
    c.fieldCode,
    c.levelCode,
    c.competentAgencyCode,
    c.receivingAgencyCodes,
    processingMinutes(c.processingTime),
    c.onlineLevel,
    c.onlineMode,
    c.onTheSpotEligible,
    c.acceptsDossierByPost,
    c.deliversResultByPost,
    c.onlineOnlyListed,
    c.integratedNationalPortal,
    effectiveFrom,
    abolishedFrom,
  ];
}
