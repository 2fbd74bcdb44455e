import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import type { DataSource } from 'typeorm';
import { DOSSIER_CODE_PATTERN } from '@onestop/domain';
import { AUDIT_ACTION_PATTERN } from './audit-hints.js';

const DOSSIER_CODE_IN_TEXT = new RegExp(DOSSIER_CODE_PATTERN.source.slice(1, -1));

/** A row's time to the microsecond, as PostgreSQL keeps it: positions compare exactly, and as text in time order. */
export const AUDIT_POSITION_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
/** Past any id: `(at, id) < (t, AUDIT_MAX_ID)` is `at <= t`. */
export const AUDIT_MAX_ID = '9223372036854775807';

export interface AuditRecord {
  actor: string | null;
  method: string;
  path: string;
  status: number;
  clientIp: string | null;
  requestId: string | null;
  /** Where a creation answered (the new dossier's address). */
  location?: string;
  /** The action the controller says was asked for (a case action such as `approve`). */
  action?: string;
  /** The dossier the controller says the change touched (a shipment's). */
  dossierCode?: string | null;
}

/** An audit entry with its position in its log, as `/internal/audit` answers it. */
export interface AuditEntry {
  /** Microsecond time and id: where the entry stands in its log (AUDIT_POSITION_TIME). */
  position: { at: string; id: string };
  at: string;
  actor: string | null;
  method: string;
  path: string;
  action: string | null;
  dossierCode: string | null;
  status: number;
  clientIp: string | null;
  requestId: string | null;
}

/** Which entries of one log: filters, and the position to read on from (exclusive), newest first. */
export class AuditLogQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(201)
  limit: number = 50;

  @IsOptional()
  @Matches(DOSSIER_CODE_PATTERN)
  dossierCode?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  actor?: string;

  /** With `beforeId`: entries strictly before `(beforeAt, beforeId)` in (time, id) order. */
  @IsOptional()
  @Matches(AUDIT_POSITION_TIME)
  beforeAt?: string;

  @IsOptional()
  @Matches(/^\d{1,19}$/)
  beforeId?: string;
}

interface AuditRow {
  id: string;
  position_at: string;
  at: Date;
  actor: string | null;
  method: string;
  path: string;
  action: string | null;
  dossier_code: string | null;
  status: number;
  client_ip: string | null;
  request_id: string | null;
}

/**
 * The audit log of this service's schema (`audit_log`): every change it answered (method,
 * path, who, from where, outcome), what was done when the controller names it (the case
 * action), tied to the dossier it touched: from the path, else as the controller names it (a
 * shipment's), else from where a creation answered. Paths, names and codes only, never bodies
 * or query strings: no personal data. Every backend service writes its own (the audit
 * middleware); the gateway writes the changes it answers itself and reads them all.
 */
@Injectable()
export class AuditLog {
  private readonly logger = new Logger('Audit');

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(entry: AuditRecord): Promise<void> {
    // What a controller says is kept only in the expected shape: a name, a dossier code.
    const named = entry.dossierCode && DOSSIER_CODE_PATTERN.test(entry.dossierCode) ? entry.dossierCode : undefined;
    const dossierCode = DOSSIER_CODE_IN_TEXT.exec(entry.path)?.[0] ?? named ?? (entry.location ? DOSSIER_CODE_IN_TEXT.exec(entry.location)?.[0] : undefined) ?? null;
    const action = entry.action && AUDIT_ACTION_PATTERN.test(entry.action) ? entry.action : null;
    try {
      await this.dataSource.query(
        `INSERT INTO audit_log (actor, method, path, action, dossier_code, status, client_ip, request_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [entry.actor?.slice(0, 200) ?? null, entry.method, entry.path.slice(0, 500), action, dossierCode, entry.status, entry.clientIp, entry.requestId],
      );
    } catch (error) {
      // The answer has gone already; losing an audit row is logged loudly rather than hidden.
      this.logger.error(`audit entry lost for ${entry.method} ${entry.path}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Newest first, `limit` entries at most. */
  async entries(query: AuditLogQuery): Promise<AuditEntry[]> {
    const conditions: string[] = [];
    const params: unknown[] = [];
    if (query.dossierCode) {
      params.push(query.dossierCode);
      conditions.push(`dossier_code = $${params.length}`);
    }
    if (query.actor) {
      params.push(query.actor);
      conditions.push(`actor = $${params.length}`);
    }
    if (query.beforeAt) {
      params.push(query.beforeAt, query.beforeId ?? AUDIT_MAX_ID);
      conditions.push(`(at, id) < ($${params.length - 1}::timestamptz, $${params.length}::bigint)`);
    }
    params.push(query.limit);
    const rows = (await this.dataSource.query(
      `SELECT id, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS position_at, at, actor, method, path, action, dossier_code, status, client_ip, request_id
         FROM audit_log ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''} ORDER BY at DESC, id DESC LIMIT $${params.length}`,
      params,
    )) as AuditRow[];
    return rows.map((r) => ({
      position: { at: r.position_at, id: String(r.id) },
      at: new Date(r.at).toISOString(),
      actor: r.actor,
      method: r.method,
      path: r.path,
      action: r.action,
      dossierCode: r.dossier_code,
      status: r.status,
      clientIp: r.client_ip,
      requestId: r.request_id,
    }));
  }
}
