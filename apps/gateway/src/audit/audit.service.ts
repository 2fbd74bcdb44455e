import { Injectable } from '@nestjs/common';
import { BACKEND_SERVICES, type ServiceName } from '@onestop/domain';
import { AUDIT_POSITION_TIME, type AuditEntry, AuditLog, type AuditLogQuery, type AuditRecord, AUDIT_MAX_ID, decodeCursor, encodeCursor, type Page, ProblemException } from '@onestop/platform';
import { AuditLogsClient } from '../clients/audit-logs.client.js';
import type { AuditEntryView, AuditQuery } from './audit.dto.js';

/** Every audit log there is: each backend service's, and the gateway's own. */
const SOURCES: readonly ServiceName[] = [...BACKEND_SERVICES, 'gateway'].sort() as ServiceName[];

interface SourcedEntry extends AuditEntry {
  source: ServiceName;
}

/** Newest first: by time (to the microsecond), then by log, then by id within the log. */
function newestFirst(a: SourcedEntry, b: SourcedEntry): number {
  if (a.position.at !== b.position.at) return a.position.at < b.position.at ? 1 : -1;
  if (a.source !== b.source) return a.source < b.source ? 1 : -1;
  return BigInt(a.position.id) < BigInt(b.position.id) ? 1 : BigInt(a.position.id) > BigInt(b.position.id) ? -1 : 0;
}

/**
 * The audit log as admins read it: one list, newest first, of the entries every service keeps
 * of the changes it answered (read from each at `/internal/audit` with the service credential)
 * and of those the gateway answered itself (its own API keys and sign-in, and requests turned
 * away at the door). A routed change is written by the service that answered it only, so it
 * appears once. The cursor holds the last entry's (time, log, id); each log is asked for what
 * comes after it in that order, and the pages are merged.
 */
@Injectable()
export class AuditService {
  constructor(
    private readonly log: AuditLog,
    private readonly services: AuditLogsClient,
  ) {}

  /** An entry of a change the gateway answered itself. */
  record(entry: AuditRecord): Promise<void> {
    return this.log.record(entry);
  }

  async list(query: AuditQuery): Promise<Page<AuditEntryView>> {
    const after = query.cursor ? this.decode(query.cursor) : undefined;
    const fetched = await Promise.all(
      SOURCES.map(async (source) => {
        const page: AuditLogQuery = { limit: query.limit + 1, dossierCode: query.dossierCode, actor: query.actor };
        if (after) {
          // Entries of the same microsecond: logs before the cursor's in the order come after it whole, later ones not at all.
          page.beforeAt = after.at;
          page.beforeId = source < after.source ? AUDIT_MAX_ID : source === after.source ? after.id : '0';
        }
        const entries = source === 'gateway' ? await this.log.entries(page) : await this.services.entries(source, page);
        return entries.map((entry) => ({ ...entry, source }));
      }),
    );
    const merged = fetched.flat().sort(newestFirst);
    const items = merged.slice(0, query.limit);
    const last = items[items.length - 1];
    return {
      items: items.map(({ position: _position, source: _source, ...view }) => view),
      nextCursor: merged.length > query.limit ? encodeCursor({ at: last.position.at, source: last.source, id: last.position.id }) : null,
    };
  }

  private decode(cursor: string): { at: string; source: ServiceName; id: string } {
    const position = decodeCursor(cursor, { at: 'string', source: 'string', id: 'digits' });
    if (!AUDIT_POSITION_TIME.test(position.at) || !SOURCES.includes(position.source as ServiceName)) {
      throw ProblemException.badRequest('invalid-cursor', 'The cursor is not one this endpoint issued.', [{ field: 'cursor', reason: 'is not a valid cursor' }]);
    }
    return position as { at: string; source: ServiceName; id: string };
  }
}
