import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Role } from '@onestop/domain';

export interface OfficerRow {
  subject: string;
  name: string | null;
  title: string | null;
  agency_codes: string[];
  roles: Role[];
  active: boolean;
  registered_by: string;
  first_seen_at: Date | null;
  last_seen_at: Date | null;
  updated_at: Date;
}

/** Every statement on the officer directory (`officers`). */
@Injectable()
export class OfficersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async find(subject: string, manager: EntityManager = this.dataSource.manager): Promise<OfficerRow | undefined> {
    const [row] = (await manager.query(`SELECT * FROM officers WHERE subject = $1`, [subject])) as OfficerRow[];
    return row;
  }

  /** The names the directory knows of these subjects (officers without a name are left out). */
  async names(subjects: string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, string>> {
    if (subjects.length === 0) return new Map();
    const rows = (await manager.query(`SELECT subject, name FROM officers WHERE subject = ANY($1::text[]) AND name IS NOT NULL`, [[...new Set(subjects)]])) as Array<{ subject: string; name: string }>;
    return new Map(rows.map((row) => [row.subject, row.name]));
  }

  /**
   * What a verified token says of an officer: who they are, where and as what they act. The
   * identity provider is the authority for these; the title and `active` stay as set here.
   */
  async observe(officer: { subject: string; name: string | null; agencyCodes: string[]; roles: Role[] }, at: Date): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO officers (subject, name, agency_codes, roles, registered_by, first_seen_at, last_seen_at, updated_at)
       VALUES ($1, $2, $3, $4, 'token', $5, $5, $5)
       ON CONFLICT (subject) DO UPDATE SET name = COALESCE(EXCLUDED.name, officers.name), agency_codes = EXCLUDED.agency_codes, roles = EXCLUDED.roles,
         first_seen_at = COALESCE(officers.first_seen_at, EXCLUDED.first_seen_at), last_seen_at = EXCLUDED.last_seen_at,
         updated_at = CASE WHEN officers.name IS DISTINCT FROM COALESCE(EXCLUDED.name, officers.name) OR officers.agency_codes <> EXCLUDED.agency_codes OR officers.roles <> EXCLUDED.roles
                           THEN EXCLUDED.updated_at ELSE officers.updated_at END`,
      [officer.subject, officer.name, officer.agencyCodes, officer.roles, at],
    );
  }

  /** An administrator's registration or correction of an officer. */
  async register(officer: { subject: string; name: string; title: string | null; agencyCodes: string[]; roles: Role[]; active: boolean }, by: string, at: Date): Promise<OfficerRow> {
    const [row] = (await this.dataSource.query(
      `INSERT INTO officers (subject, name, title, agency_codes, roles, active, registered_by, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (subject) DO UPDATE SET name = EXCLUDED.name, title = EXCLUDED.title, agency_codes = EXCLUDED.agency_codes, roles = EXCLUDED.roles,
         active = EXCLUDED.active, registered_by = EXCLUDED.registered_by, updated_at = EXCLUDED.updated_at
       RETURNING *`,
      [officer.subject, officer.name, officer.title, officer.agencyCodes, officer.roles, officer.active, by, at],
    )) as OfficerRow[];
    return row;
  }

  /** The active officers of an agency with one of the roles (at most `limit`), in subject order: who a case's unit notices go to. */
  async activeOf(agencyCode: string, roles: readonly Role[], limit: number): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT subject FROM officers WHERE active AND $1 = ANY (agency_codes) AND roles && $2::text[] ORDER BY subject LIMIT $3`,
      [agencyCode, roles, limit],
    )) as Array<{ subject: string }>;
    return rows.map((row) => row.subject);
  }

  /** A page in subject order, of the given agencies (any of them) and role. */
  async list(filter: { agencyCodes: string[] | null; role: Role | null; after: string | null; limit: number }): Promise<OfficerRow[]> {
    const conditions: string[] = [];
    const params: unknown[] = [];
    if (filter.agencyCodes) {
      params.push(filter.agencyCodes);
      conditions.push(`agency_codes && $${params.length}::text[]`);
    }
    if (filter.role) {
      params.push(filter.role);
      conditions.push(`$${params.length} = ANY (roles)`);
    }
    if (filter.after !== null) {
      params.push(filter.after);
      conditions.push(`subject > $${params.length}`);
    }
    params.push(filter.limit + 1);
    return (await this.dataSource.query(
      `SELECT * FROM officers ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''} ORDER BY subject LIMIT $${params.length}`,
      params,
    )) as OfficerRow[];
  }
}
