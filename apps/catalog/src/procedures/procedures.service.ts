import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { DataSource, EntityManager, Repository } from 'typeorm';
import {
  defaultSteps,
  formatLocal,
  toLocalIsoDate,
  type ProcedureContent,
  type ProcedureVersionSummaryV1,
  procedureRuleViolations,
  processingMinutes,
  type PublishingDecision,
} from '@onestop/domain';
import { Clock, decodeCursor, type FieldProblem, OutboxService, type OutboxTransaction, type Page, type PageQuery, ProblemException, toPage } from '@onestop/platform';
import { whereWordsMatch } from '@onestop/platform';
import { Procedure, type ProcedureStatus } from './procedure.entity.js';
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
    recordedAt: formatLocal(version.createdAt),
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

/** What the searchable row needs of a version. */
export interface VersionForRow {
  versionNo: number;
  kind: VersionKind;
  effectiveFrom: string;
  content: ProcedureContent;
}

/** The searchable row of a procedure on `today`, from all its versions. */
export interface SearchRow {
  status: ProcedureStatus;
  versionNo: number;
  content: ProcedureContent;
  effectiveFrom: string;
  abolishedFrom: string | null;
  pendingFrom: string | null;
}

/**
 * The row search and browse show on `today`: the version in force (the one with the latest
 * effective date on or before today, the highest number among equals, as `versionInForce` picks
 * it), or the first version while none is in force yet (`upcoming`). `abolishedFrom` is set as
 * soon as an abolition is decided, so a procedure still in force shows when it ends;
 * `pendingFrom` is the next date the row changes.
 */
export function searchRowAt(versions: VersionForRow[], today: string): SearchRow {
  if (versions.length === 0) throw new Error('a procedure has at least one version');
  const byNumber = [...versions].sort((a, b) => a.versionNo - b.versionNo);
  let inForce: VersionForRow | undefined;
  let pendingFrom: string | null = null;
  for (const v of byNumber) {
    if (v.effectiveFrom <= today) {
      if (!inForce || v.effectiveFrom >= inForce.effectiveFrom) inForce = v;
    } else if (pendingFrom === null || v.effectiveFrom < pendingFrom) {
      pendingFrom = v.effectiveFrom;
    }
  }
  const abolishedFrom = byNumber.find((v) => v.kind === 'abolished')?.effectiveFrom ?? null;
  if (!inForce) {
    const first = byNumber[0];
    return { status: 'upcoming', versionNo: first.versionNo, content: first.content, effectiveFrom: first.effectiveFrom, abolishedFrom, pendingFrom };
  }
  if (inForce.kind === 'abolished') {
    // The abolition keeps the content it ended; its row keeps the date that content took effect.
    const ended = byNumber.filter((v) => v.kind !== 'abolished' && v.versionNo < inForce.versionNo).at(-1);
    return { status: 'abolished', versionNo: inForce.versionNo, content: inForce.content, effectiveFrom: ended?.effectiveFrom ?? inForce.effectiveFrom, abolishedFrom, pendingFrom };
  }
  return { status: 'active', versionNo: inForce.versionNo, content: inForce.content, effectiveFrom: inForce.effectiveFrom, abolishedFrom, pendingFrom };
}

/** Two-key advisory lock of one procedure code: first key the catalog's namespace. */
const PROCEDURE_LOCK = `SELECT pg_advisory_xact_lock(hashtext('onestop:catalog-procedure'), hashtext($1))`;

/**
 * Procedures change only through publishing decisions: announce (publish), amend, abolish.
 * Each change is a new immutable version and an event (emitted when the decision is recorded,
 * carrying its effective date), written in one transaction with the searchable row. That row
 * shows the version in force today: a decision effective later waits in procedure_versions and
 * ProcedurePromotionService puts it in the row on its effective date.
 */
@Injectable()
export class ProceduresService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(Procedure) private readonly procedures: Repository<Procedure>,
    @InjectRepository(ProcedureVersion) private readonly versions: Repository<ProcedureVersion>,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  /** Today in Vietnam, by the injected clock. */
  today(): string {
    return toLocalIsoDate(this.clock.now());
  }

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
    const date = at ?? this.today();
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

  async listVersions(code: string, query: PageQuery): Promise<Page<ProcedureVersionView>> {
    const builder = this.versions.createQueryBuilder('v').where('v.code = :code', { code }).orderBy('v.versionNo', 'ASC').take(query.limit + 1);
    if (query.cursor) builder.andWhere('v.versionNo > :after', { after: decodeCursor(query.cursor, { versionNo: 'integer' }).versionNo });
    const versions = await builder.getMany();
    if (versions.length === 0 && (await this.versions.countBy({ code })) === 0) throw ProblemException.notFound('procedure-not-found', `No procedure with code ${code}.`);
    const page = toPage(versions, query.limit, (last) => ({ versionNo: last.versionNo }));
    return { items: page.items.map(toVersionView), nextCursor: page.nextCursor };
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
      await tx.manager.query(PROCEDURE_LOCK, [code]);
      const version = await this.insertFirstVersion(tx, code, decision, content);
      if (!version) throw ProblemException.conflict('procedure-exists', `Procedure ${code} is already published; amend it instead.`);
      return version;
    });
  }

  async amend(code: string, decisionDto: DecisionDto, contentDto: ProcedureContentDto): Promise<ProcedureVersionView> {
    const decision = toDecision(decisionDto);
    const content = await this.checkedContent(contentDto, decision);
    return this.outbox.transaction(async (tx) => {
      const latest = await this.lockLatest(tx.manager, code);
      this.checkFollows(latest, decision);
      return this.appendVersion(tx, code, latest.versionNo + 1, 'amended', decision, content);
    });
  }

  async abolish(code: string, decisionDto: DecisionDto): Promise<ProcedureVersionView> {
    const decision = toDecision(decisionDto);
    return this.outbox.transaction(async (tx) => {
      const latest = await this.lockLatest(tx.manager, code);
      this.checkFollows(latest, decision);
      return this.appendVersion(tx, code, latest.versionNo + 1, 'abolished', decision, latest.content);
    });
  }

  /**
   * The national portal's idempotent upsert: publishes an unknown code, amends a changed one,
   * and leaves an identical one alone (no new version, no event). Compared and written in one
   * transaction under a lock on the code, so concurrent retries of one item make one version.
   */
  async upsert(code: string, decisionDto: DecisionDto, contentDto: ProcedureContentDto): Promise<ProcedureChangeResult> {
    const decision = toDecision(decisionDto);
    const content = await this.checkedContent(contentDto, decision);
    return this.outbox.transaction(async (tx): Promise<ProcedureChangeResult> => {
      // The advisory lock covers a code not yet published (no row to lock); publish takes it too.
      await tx.manager.query(PROCEDURE_LOCK, [code]);
      const exists = (await tx.manager.query(`SELECT 1 FROM procedures WHERE code = $1`, [code])) as unknown[];
      if (exists.length === 0) {
        const version = await this.insertFirstVersion(tx, code, decision, content);
        if (!version) throw ProblemException.conflict('procedure-exists', `Procedure ${code} was published meanwhile; try again.`);
        return { outcome: 'published', version };
      }
      const latest = await this.lockLatest(tx.manager, code);
      if (canonical(content) === canonical(latest.content)) return { outcome: 'unchanged', version: toVersionView(latest) };
      this.checkFollows(latest, decision);
      return { outcome: 'amended', version: await this.appendVersion(tx, code, latest.versionNo + 1, 'amended', decision, content) };
    });
  }

  /**
   * Rewrites the searchable rows of `codes` as of `today` from their versions, in one statement.
   * The caller holds the rows (FOR UPDATE) or the code's lock.
   */
  async refreshRows(manager: EntityManager, codes: string[], today = this.today()): Promise<void> {
    if (codes.length === 0) return;
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
    const flat = [...byCode].map(([code, versions]) => flatRecord(code, searchRowAt(versions, today)));
    await manager.query(
      `UPDATE procedures p SET ${FLAT_COLUMN_NAMES.filter((c) => c !== 'code').map((c) => `${c} = r.${c}`).join(', ')}, updated_at = now()
         FROM jsonb_to_recordset($1::jsonb) AS r(${FLAT_RECORD_TYPES})
        WHERE p.code = r.code`,
      [JSON.stringify(flat)],
    );
  }

  private async insertFirstVersion(tx: OutboxTransaction, code: string, decision: PublishingDecision, content: ProcedureContent): Promise<ProcedureVersionView | null> {
    const row = searchRowAt([{ versionNo: 1, kind: 'published', effectiveFrom: decision.effectiveFrom, content }], this.today());
    const record = flatRecord(code, row);
    const inserted = (await tx.manager.query(
      `INSERT INTO procedures (${FLAT_COLUMN_NAMES.join(', ')}) VALUES (${FLAT_COLUMN_NAMES.map((_, i) => `$${i + 1}`).join(', ')}) ON CONFLICT (code) DO NOTHING RETURNING code`,
      FLAT_COLUMN_NAMES.map((c) => record[c]),
    )) as unknown[];
    if (inserted.length === 0) return null;
    return this.recordVersion(tx, code, 1, 'published', decision, content);
  }

  /** A new version after the latest, and the searchable row as of today. */
  private async appendVersion(tx: OutboxTransaction, code: string, versionNo: number, kind: VersionKind, decision: PublishingDecision, content: ProcedureContent): Promise<ProcedureVersionView> {
    const version = await this.recordVersion(tx, code, versionNo, kind, decision, content);
    await this.refreshRows(tx.manager, [code]);
    return version;
  }

  private async recordVersion(
    tx: OutboxTransaction,
    code: string,
    versionNo: number,
    kind: VersionKind,
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
    if (kind === 'abolished') await tx.publish('ProcedureAbolished', { code, versionNo, decision });
    else await tx.publish(kind === 'published' ? 'ProcedurePublished' : 'ProcedureAmended', eventSummary(code, versionNo, content, decision));
    return toVersionView(version);
  }

  /**
   * Locks the procedure for a change and returns its latest version, which must not be an
   * abolition (decided, whether or not yet in force: nothing follows it).
   */
  private async lockLatest(manager: EntityManager, code: string): Promise<ProcedureVersion> {
    const locked = (await manager.query(`SELECT 1 FROM procedures WHERE code = $1 FOR UPDATE`, [code])) as unknown[];
    if (locked.length === 0) throw ProblemException.notFound('procedure-not-found', `No procedure with code ${code}.`);
    const latest = await manager.findOneOrFail(ProcedureVersion, { where: { code }, order: { versionNo: 'DESC' } });
    if (latest.kind === 'abolished') {
      throw ProblemException.conflict('procedure-abolished', `Procedure ${code} was abolished (from ${latest.effectiveFrom}); it cannot be changed.`);
    }
    return latest;
  }

  /** A decision may not predate the version it follows. */
  private checkFollows(latest: ProcedureVersion, decision: PublishingDecision): void {
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

const FLAT_COLUMN_NAMES = [
  'code',
  'status',
  'version_no',
  'name',
  'field_code',
  'level_code',
  'competent_agency_code',
  'receiving_agency_codes',
  'processing_minutes',
  'online_level',
  'online_mode',
  'on_the_spot_eligible',
  'accepts_dossier_by_post',
  'delivers_result_by_post',
  'online_only_listed',
  'integrated_national_portal',
  'effective_from',
  'abolished_from',
  'pending_from',
] as const;

const FLAT_RECORD_TYPES = `code text, status text, version_no integer, name text, field_code text, level_code text,
  competent_agency_code text, receiving_agency_codes text[], processing_minutes integer, online_level smallint, online_mode text,
  on_the_spot_eligible boolean, accepts_dossier_by_post boolean, delivers_result_by_post boolean, online_only_listed boolean,
  integrated_national_portal boolean, effective_from date, abolished_from date, pending_from date`;

function flatRecord(code: string, row: SearchRow): Record<(typeof FLAT_COLUMN_NAMES)[number], unknown> {
  const c = row.content;
  return {
    code,
    status: row.status,
    version_no: row.versionNo,
    name: c.name,
    field_code: c.fieldCode,
    level_code: c.levelCode,
    competent_agency_code: c.competentAgencyCode,
    receiving_agency_codes: c.receivingAgencyCodes,
    processing_minutes: processingMinutes(c.processingTime),
    online_level: c.onlineLevel,
    online_mode: c.onlineMode,
    on_the_spot_eligible: c.onTheSpotEligible,
    accepts_dossier_by_post: c.acceptsDossierByPost,
    delivers_result_by_post: c.deliversResultByPost,
    online_only_listed: c.onlineOnlyListed,
    integrated_national_portal: c.integratedNationalPortal,
    effective_from: row.effectiveFrom,
    abolished_from: row.abolishedFrom,
    pending_from: row.pendingFrom,
  };
}
