import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { DataSource, EntityManager, Repository } from 'typeorm';
import { processingMinutes } from '@onestop/domain';
import { decodeCursor } from '@onestop/platform';
import { Procedure } from './procedure.entity.js';
import type { ProcedureQuery } from './procedure.dto.js';
import type { SearchRow } from './search-row.js';
import { MAX_NEAR_WORDS, type SearchPlan, type WordLookup } from './procedure-search.js';

/** A row of a search, with its place in the relevance order (0 when sorted by code). */
export interface RankedProcedure {
  procedure: Procedure;
  rank: number;
  length: number;
}

/** Two-key advisory lock of one procedure code: first key the catalog's namespace. */
const PROCEDURE_LOCK = `SELECT pg_advisory_xact_lock(hashtext('onestop:catalog-procedure'), hashtext($1))`;

/** What a procedure's content refers to, as the catalog knows it. */
export interface KnownReferences {
  field: boolean;
  level: boolean;
  agencies: string[];
}

/**
 * Every statement on the searchable rows (`procedures`): one row per code, the version in force
 * today flattened into columns.
 */
@Injectable()
export class ProceduresRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(Procedure) private readonly procedures: Repository<Procedure>,
  ) {}

  /**
   * Search and browse: a page in code order, or, with a word search (`plan`) sorted by
   * relevance, in the order of the plan's tiers, then the shorter name (fewer words besides those
   * searched), then the code. Every row is read with its position (`rank`, `length`) for the cursor.
   */
  async search(query: ProcedureQuery, text?: { plan: SearchPlan } | { codePrefix: string }): Promise<RankedProcedure[]> {
    const plan = text && 'plan' in text ? text.plan : undefined;
    const builder = this.procedures.createQueryBuilder('p').limit(query.limit + 1);
    const byRelevance = plan !== undefined && query.sort === 'relevance';
    if (plan) {
      // The query is matched and ranked once per distinct name (procedure_names), then the
      // procedures of the matching names are read by name: a name's relevance is its own. The
      // names come sorted and fenced (OFFSET 0), so the tiers are judged once per name, not per
      // procedure, and the page is read name by name in relevance order (an incremental sort
      // that stops once the page is full) rather than every match fetched and sorted.
      const tiers = plan.tiers.flatMap((tier, index) => (tier === null ? [] : [`WHEN n.search_words @@ CAST(:searchTier${index} AS tsquery) THEN ${index}`]));
      const rank = `CASE ${tiers.join(' ')} ELSE ${plan.tiers.length} END`;
      builder.innerJoin(`(SELECT n.name, ${rank} AS rank, char_length(n.name) AS length FROM procedure_names n WHERE n.search_words @@ CAST(:searchMatch AS tsquery) ORDER BY 2, 3 OFFSET 0)`, 'n', 'n.name = p.name', {
        searchMatch: plan.match,
      });
      plan.tiers.forEach((tier, index) => tier !== null && builder.setParameter(`searchTier${index}`, tier));
    }
    if (byRelevance) {
      builder.addSelect('n.rank', 'search_rank').addSelect('n.length', 'search_length');
      builder.orderBy('search_rank', 'ASC').addOrderBy('search_length', 'ASC').addOrderBy('p.code', 'ASC');
      if (query.cursor) {
        const after = decodeCursor(query.cursor, { rank: 'integer', length: 'integer', code: 'string' });
        builder.andWhere(`(n.rank, n.length, p.code) > (:afterRank, :afterLength, :afterCode)`, { afterRank: after.rank, afterLength: after.length, afterCode: after.code });
      }
    } else {
      builder.orderBy('p.code', 'ASC');
      if (query.cursor) builder.andWhere('p.code > :after', { after: decodeCursor(query.cursor, { code: 'string' }).code });
    }
    if (query.status !== 'all') builder.andWhere('p.status = :status', { status: query.status });
    if (text && 'codePrefix' in text) builder.andWhere('p.code LIKE :codePrefix', { codePrefix: `${text.codePrefix.replace(/[\\%_]/g, '\\$&')}%` });
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
    if (!byRelevance) return (await builder.getMany()).map((procedure) => ({ procedure, rank: 0, length: 0 }));
    const { entities, raw } = await builder.getRawAndEntities<{ search_rank: number; search_length: number }>();
    return entities.map((procedure, index) => ({ procedure, rank: Number(raw[index].search_rank), length: Number(raw[index].search_length) }));
  }

  /**
   * What the vocabulary (procedure_words) and the abbreviations say about each word of a query,
   * in one statement: whether a name has it (the last word: or a word starting with it), else the
   * known words one letter away. Variants are primary-key probes; the prefix test a range scan.
   */
  async lookUpWords(words: string[]): Promise<WordLookup[]> {
    const rows = (await this.dataSource.query(
      `WITH q AS (
         SELECT t.i::int AS i, fold_text(t.w) AS folded FROM unnest($1::text[]) WITH ORDINALITY AS t(w, i)
       ), k AS (
         SELECT q.i, q.folded,
                EXISTS (SELECT 1 FROM procedure_words v WHERE v.variant = q.folded AND v.word = q.folded) AS known,
                q.i = $2 AND EXISTS (SELECT 1 FROM procedure_words v WHERE v.variant >= q.folded AND v.variant < q.folded || chr(1114111) AND starts_with(v.word, q.folded)) AS known_prefix
           FROM q
       )
       SELECT k.folded, k.known, k.known_prefix AS "knownPrefix",
              CASE WHEN k.known OR k.known_prefix THEN '{}'::text[]
                   ELSE ARRAY(SELECT DISTINCT n.word FROM word_variants(k.folded) AS x(variant) JOIN procedure_words n ON n.variant = x.variant ORDER BY 1 LIMIT ${MAX_NEAR_WORDS}) END AS near,
              (SELECT fold_text(a.expansion) FROM search_abbreviations a WHERE fold_text(a.abbreviation) = k.folded) AS expansion
         FROM k ORDER BY k.i`,
      [words, words.length],
    )) as Array<Omit<WordLookup, 'expansion'> & { expansion: string | null }>;
    return rows.map((row) => ({ ...row, expansion: row.expansion === null ? null : row.expansion.split(/[^\p{L}\p{N}]+/u).filter(Boolean) }));
  }

  async exists(code: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    const rows = (await manager.query(`SELECT 1 FROM procedures WHERE code = $1`, [code])) as unknown[];
    return rows.length > 0;
  }

  /** The codes among `codes` that have a row. */
  async existing(codes: string[], manager: EntityManager = this.dataSource.manager): Promise<Set<string>> {
    const rows = (await manager.query(`SELECT code FROM procedures WHERE code = ANY($1::text[])`, [codes])) as Array<{ code: string }>;
    return new Set(rows.map((r) => r.code));
  }

  /** Serialises changes of one code, also of a code not yet published (no row to lock). */
  async lockCode(code: string, manager: EntityManager): Promise<void> {
    await manager.query(PROCEDURE_LOCK, [code]);
  }

  /** Locks the row for a change; false when there is none. */
  async lockRow(code: string, manager: EntityManager): Promise<boolean> {
    const locked = (await manager.query(`SELECT 1 FROM procedures WHERE code = $1 FOR UPDATE`, [code])) as unknown[];
    return locked.length > 0;
  }

  /** The first row of a code; false when the code has one already. */
  async insertRow(code: string, row: SearchRow, manager: EntityManager): Promise<boolean> {
    const record = flatRecord(code, row);
    const inserted = (await manager.query(
      `INSERT INTO procedures (${FLAT_COLUMN_NAMES.join(', ')}) VALUES (${FLAT_COLUMN_NAMES.map((_, i) => `$${i + 1}`).join(', ')}) ON CONFLICT (code) DO NOTHING RETURNING code`,
      FLAT_COLUMN_NAMES.map((c) => record[c]),
    )) as unknown[];
    return inserted.length > 0;
  }

  /** Rewrites the rows of these codes in one statement. */
  async rewriteRows(rows: Map<string, SearchRow>, manager: EntityManager): Promise<void> {
    const flat = [...rows].map(([code, row]) => flatRecord(code, row));
    await manager.query(
      `UPDATE procedures p SET ${FLAT_COLUMN_NAMES.filter((c) => c !== 'code').map((c) => `${c} = r.${c}`).join(', ')}, updated_at = now()
         FROM jsonb_to_recordset($1::jsonb) AS r(${FLAT_RECORD_TYPES})
        WHERE p.code = r.code`,
      [JSON.stringify(flat)],
    );
  }

  /**
   * Claims up to `limit` rows whose next version is in force on `today`, skipping those another
   * transaction holds (a replica's round, or a decision being recorded).
   */
  async claimDue(today: string, limit: number, manager: EntityManager): Promise<string[]> {
    const due = (await manager.query(
      `SELECT code FROM procedures WHERE pending_from <= $1::date ORDER BY pending_from, code LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [today, limit],
    )) as Array<{ code: string }>;
    return due.map((d) => d.code);
  }

  /** Which of a content's field, level and agencies exist, in one statement over those tables. */
  async knownReferences(fieldCode: string, levelCode: string, agencyCodes: string[]): Promise<KnownReferences> {
    const [references] = (await this.dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM fields WHERE code = $1) AS field,
              EXISTS (SELECT 1 FROM administrative_levels WHERE code = $2) AS level,
              ARRAY(SELECT code FROM agencies WHERE code = ANY($3::text[])) AS agencies`,
      [fieldCode, levelCode, agencyCodes],
    )) as KnownReferences[];
    return references;
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
