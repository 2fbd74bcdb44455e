import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  defaultSteps,
  feeLinesOf,
  formatLocal,
  toLocalIsoDate,
  type ProcedureContent,
  type ProcedureVersionSummaryV1,
  procedureRuleViolations,
  processingMinutes,
  type PublishingDecision,
} from '@onestop/domain';
import { Clock, type FeedPage, type FeedQuery, type FieldProblem, OutboxService, type OutboxTransaction, type Page, type PageQuery, ProblemException, toPage } from '@onestop/platform';
import type { Procedure } from './procedure.entity.js';
import type { ProcedureVersion, VersionKind } from './procedure-version.entity.js';
import { ProcedureVersionsRepository } from './procedure-versions.repository.js';
import { ProceduresRepository, type RankedProcedure } from './procedures.repository.js';
import { highlights, queryWords, type SearchPlan, searchPlan } from './procedure-search.js';
import { searchRowAt } from './search-row.js';
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
    private readonly procedures: ProceduresRepository,
    private readonly versions: ProcedureVersionsRepository,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  /** Today in Vietnam, by the injected clock. */
  today(): string {
    return toLocalIsoDate(this.clock.now());
  }

  /**
   * A code prefix ("1.0012") searches codes; other text searches words of names (see
   * ProcedureQuery.q), ranked unless `sort=code`, each item with the parts of its name matched.
   */
  async search(query: ProcedureQuery): Promise<Page<ProcedureSummary>> {
    const text = query.q?.trim();
    if (!text) return this.page(query, await this.procedures.search(query));
    if (/^\d\.\d{1,6}/.test(text)) return this.page(query, await this.procedures.search(query, { codePrefix: text }));
    const words = queryWords(text);
    // Punctuation only ("%"), or a word no name has nor comes near: nothing to find, rather than everything.
    const plan = words.length === 0 ? null : searchPlan(await this.procedures.lookUpWords(words));
    if (!plan) return { items: [], nextCursor: null };
    const rows = await this.procedures.search(query, { plan });
    return this.page(query, rows, plan);
  }

  private page(query: ProcedureQuery, rows: RankedProcedure[], plan?: SearchPlan): Page<ProcedureSummary> {
    const items = rows.map((row) => ({ summary: toSummary(row.procedure), row }));
    const page = toPage(items, query.limit, ({ row }): Record<string, string | number> =>
      plan && query.sort === 'relevance' ? { rank: row.rank, length: row.length, code: row.procedure.code } : { code: row.procedure.code },
    );
    return {
      items: page.items.map(({ summary }) => (plan ? { ...summary, highlights: highlights(summary.name, plan) } : summary)),
      nextCursor: page.nextCursor,
    };
  }

  /** The version in force on `at` (today in Vietnam when omitted). */
  async versionInForce(code: string, at?: string): Promise<ProcedureVersionView> {
    const date = at ?? this.today();
    const version = await this.versions.inForce(code, date);
    if (version) return toVersionView(version);
    if (await this.procedures.exists(code)) {
      throw ProblemException.notFound('procedure-not-in-force', `Procedure ${code} is not yet in force on ${date}.`);
    }
    throw ProblemException.notFound('procedure-not-found', `No procedure with code ${code}.`);
  }

  async listVersions(code: string, query: PageQuery): Promise<Page<ProcedureVersionView>> {
    const versions = await this.versions.page(code, query.limit, query.cursor);
    if (versions.length === 0 && (await this.versions.count(code)) === 0) throw ProblemException.notFound('procedure-not-found', `No procedure with code ${code}.`);
    const page = toPage(versions, query.limit, (last) => ({ versionNo: last.versionNo }));
    return { items: page.items.map(toVersionView), nextCursor: page.nextCursor };
  }

  /** Every version of every procedure, for the national portal's sync jobs. */
  async feed(query: FeedQuery): Promise<FeedPage<ProcedureVersionView>> {
    const page = await this.versions.feed(query);
    return { ...page, items: page.items.map(toVersionView) };
  }

  async version(code: string, versionNo: number): Promise<ProcedureVersionView> {
    const version = await this.versions.find(code, versionNo);
    if (!version) throw ProblemException.notFound('procedure-version-not-found', `Procedure ${code} has no version ${versionNo}.`);
    return toVersionView(version);
  }

  async publish(code: string, decisionDto: DecisionDto, contentDto: ProcedureContentDto): Promise<ProcedureVersionView> {
    const decision = toDecision(decisionDto);
    const content = await this.checkedContent(contentDto, decision);
    return this.outbox.transaction(async (tx) => {
      await this.procedures.lockCode(code, tx.manager);
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
      await this.procedures.lockCode(code, tx.manager);
      if (!(await this.procedures.exists(code, tx.manager))) {
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
    const versionsByCode = await this.versions.ofCodes(codes, manager);
    const rows = new Map([...versionsByCode].map(([code, versions]) => [code, searchRowAt(versions, today)]));
    await this.procedures.rewriteRows(rows, manager);
  }

  private async insertFirstVersion(tx: OutboxTransaction, code: string, decision: PublishingDecision, content: ProcedureContent): Promise<ProcedureVersionView | null> {
    const row = searchRowAt([{ versionNo: 1, kind: 'published', effectiveFrom: decision.effectiveFrom, content }], this.today());
    if (!(await this.procedures.insertRow(code, row, tx.manager))) return null;
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
    const version = await this.versions.record(code, versionNo, kind, decision, content, tx.manager);
    if (kind === 'abolished') await tx.publish('ProcedureAbolished', { code, versionNo, decision });
    else await tx.publish(kind === 'published' ? 'ProcedurePublished' : 'ProcedureAmended', eventSummary(code, versionNo, content, decision));
    return toVersionView(version);
  }

  /**
   * Locks the procedure for a change and returns its latest version, which must not be an
   * abolition (decided, whether or not yet in force: nothing follows it).
   */
  private async lockLatest(manager: EntityManager, code: string): Promise<ProcedureVersion> {
    if (!(await this.procedures.lockRow(code, manager))) throw ProblemException.notFound('procedure-not-found', `No procedure with code ${code}.`);
    const latest = await this.versions.latest(code, manager);
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
    const references = await this.procedures.knownReferences(dto.fieldCode, dto.levelCode, agencyCodes);
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
    const feeCodes = feeLinesOf(dto.fees).map((fee) => fee.code);
    feeCodes.forEach((feeCode, i) => {
      if (feeCodes.indexOf(feeCode) !== i) problems.push({ field: `procedure.fees[${i}].code`, reason: `is ${feeCode} again: fee codes are unique within a procedure` });
    });
    if (problems.length) throw ProblemException.unprocessable('invalid-procedure', problems.map((p) => `${p.field} ${p.reason}`).join('; '), problems);
    const content = JSON.parse(JSON.stringify(dto)) as ProcedureContent;
    // Every version says each line's code, kind and due time, so payment reads them as stored.
    content.fees = feeLinesOf(content.fees).map((line, i) => ({ ...line, ...(content.fees[i].note ? { note: content.fees[i].note } : {}) }));
    if (!content.steps?.length) {
      content.steps = defaultSteps(processingMinutes(content.processingTime), content.receivingAgencyCodes[0], content.competentAgencyCode);
    }
    return content;
  }
}
