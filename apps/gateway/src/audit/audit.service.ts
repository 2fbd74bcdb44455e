import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DOSSIER_CODE_PATTERN } from '@onestop/domain';
import { decodeCursor, type Page, toPage } from '@onestop/platform';
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
}

interface AuditRow {
  id: string;
  at: Date;
  actor: string | null;
  method: string;
  path: string;
  dossier_code: string | null;
  status: number;
  client_ip: string | null;
  request_id: string | null;
}

/**
 * The audit log: every change that passes the gateway (method, path, who, from where, outcome),
 * tied to the dossier it touched. Paths only, never bodies or query strings: no personal data.
 */
@Injectable()
export class AuditService {
  private readonly logger = new Logger('Audit');

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(entry: AuditRecord): Promise<void> {
    const dossierCode = DOSSIER_CODE_IN_TEXT.exec(entry.path)?.[0] ?? (entry.location ? DOSSIER_CODE_IN_TEXT.exec(entry.location)?.[0] : undefined) ?? null;
    try {
      await this.dataSource.query(
        `INSERT INTO audit_log (actor, method, path, dossier_code, status, client_ip, request_id) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [entry.actor, entry.method, entry.path.slice(0, 500), dossierCode, entry.status, entry.clientIp, entry.requestId],
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
      params.push(decodeCursor(query.cursor, { id: 'string' }).id);
      conditions.push(`id < $${params.length}::bigint`);
    }
    params.push(query.limit + 1);
    const rows = (await this.dataSource.query(
      `SELECT id, at, actor, method, path, dossier_code, status, client_ip, request_id FROM audit_log
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
        dossierCode: r.dossier_code,
        status: r.status,
        clientIp: r.client_ip,
        requestId: r.request_id,
      })),
      nextCursor: page.nextCursor,
    };
  }
}
