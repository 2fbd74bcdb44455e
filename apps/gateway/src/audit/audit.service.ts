import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DOSSIER_CODE_PATTERN } from '@onestop/domain';
import { AUDIT_ACTION_PATTERN, decodeCursor, type Page, toPage } from '@onestop/platform';
import type { AuditEntryView, AuditQuery } from './audit.dto.js';

const DOSSIER_CODE_IN_TEXT = new RegExp(DOSSIER_CODE_PATTERN.source.slice(1, -1));

export interface AuditRecord {
  actor: string | null;
  method: string;
  path: string;
  status: number;
  clientIp: string | null;
  requestId: string | null;
  /** Where a creation answered (the new dossier's address). */
  location?: string;
  /** The action the owning service says was asked for (a case action such as `approve`). */
  action?: string;
  /** The dossier the owning service says the change touched (a shipment's). */
  dossierCode?: string;
}

interface AuditRow {
  id: string;
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
 * The audit log: every change that passes the gateway (method, path, who, from where, outcome),
 * what was done when the owning service names it (the case action), tied to the dossier it
 * touched: from the path, else as the service names it (a shipment's), else from where a
 * creation answered. Paths, names and codes only, never bodies or query strings: no personal data.
 */
@Injectable()
export class AuditService {
  private readonly logger = new Logger('Audit');

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(entry: AuditRecord): Promise<void> {
    // What a service says is kept only in the expected shape: a name, a dossier code.
    const named = entry.dossierCode && DOSSIER_CODE_PATTERN.test(entry.dossierCode) ? entry.dossierCode : undefined;
    const dossierCode = DOSSIER_CODE_IN_TEXT.exec(entry.path)?.[0] ?? named ?? (entry.location ? DOSSIER_CODE_IN_TEXT.exec(entry.location)?.[0] : undefined) ?? null;
    const action = entry.action && AUDIT_ACTION_PATTERN.test(entry.action) ? entry.action : null;
    try {
      await this.dataSource.query(
        `INSERT INTO audit_log (actor, method, path, action, dossier_code, status, client_ip, request_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [entry.actor, entry.method, entry.path.slice(0, 500), action, dossierCode, entry.status, entry.clientIp, entry.requestId],
      );
    } catch (error) {
      // The answer has gone already; losing an audit row is logged loudly rather than hidden.
      this.logger.error(`audit entry lost for ${entry.method} ${entry.path}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  async list(query: AuditQuery): Promise<Page<AuditEntryView>> {
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
    if (query.cursor) {
      params.push(decodeCursor(query.cursor, { id: 'digits' }).id);
      conditions.push(`id < $${params.length}::bigint`);
    }
    params.push(query.limit + 1);
    const rows = (await this.dataSource.query(
      `SELECT id, at, actor, method, path, action, dossier_code, status, client_ip, request_id FROM audit_log
        ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''} ORDER BY id DESC LIMIT $${params.length}`,
      params,
    )) as AuditRow[];
    const page = toPage(rows, query.limit, (last) => ({ id: String(last.id) }));
    return {
      items: page.items.map((r) => ({
        at: new Date(r.at).toISOString(),
        actor: r.actor,
        method: r.method,
        path: r.path,
        action: r.action,
        dossierCode: r.dossier_code,
        status: r.status,
        clientIp: r.client_ip,
        requestId: r.request_id,
      })),
      nextCursor: page.nextCursor,
    };
  }
}
