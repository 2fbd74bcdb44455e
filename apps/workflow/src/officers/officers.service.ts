import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { formatLocal, type Role } from '@onestop/domain';
import { type Caller, Clock, decodeCursor, type Page, ProblemException, toPage } from '@onestop/platform';
import { OFFICER_ROLES, type OfficerQuery, type OfficerRole, type OfficerView, type RegisterOfficerRequest } from './officer.dto.js';
import { type OfficerRow, OfficersRepository } from './officers.repository.js';
import { WorkflowAccess } from '../access-policy.js';

/** The usual title (chức danh) of each role, where an administrator has set none. */
export const OFFICER_TITLES: Readonly<Record<OfficerRole, string>> = { reception: 'Công chức một cửa', specialist: 'Chuyên viên', leader: 'Lãnh đạo' };

/** How long a sign-in seen is not written again, unless what the token says changed. */
const OBSERVATION_REFRESH_MS = 10 * 60_000;
const OBSERVATIONS_KEPT = 10_000;

function officerRolesOf(roles: readonly Role[]): OfficerRole[] {
  return OFFICER_ROLES.filter((r) => roles.includes(r));
}

export function toOfficerView(row: OfficerRow): OfficerView {
  const roles = officerRolesOf(row.roles);
  return {
    subject: row.subject,
    name: row.name,
    title: row.title ?? (roles.length > 0 ? OFFICER_TITLES[roles[0]] : null),
    agencyCodes: row.agency_codes,
    roles,
    active: row.active,
    source: row.registered_by === 'token' ? 'token' : 'admin',
    lastSeenAt: row.last_seen_at ? formatLocal(new Date(row.last_seen_at)) : null,
  };
}

/**
 * The directory of officers cases are assigned to. Officers are learnt from the verified tokens
 * they call this service with (name, agencies and roles as the identity provider says), or
 * registered ahead by an administrator, who also sets titles and takes officers off assignment.
 */
@Injectable()
export class OfficersService {
  private readonly logger = new Logger('Officers');
  private readonly observed = new Map<string, { fingerprint: string; at: number }>();

  constructor(
    private readonly officers: OfficersRepository,
    private readonly clock: Clock,
  ) {}

  /** Records an officer's sign-in; never fails the request it came with. */
  async observe(caller: Caller): Promise<void> {
    const roles = officerRolesOf(caller.roles);
    if (roles.length === 0 || caller.agencyCodes.length === 0) return;
    const agencyCodes = [...new Set(caller.agencyCodes)].sort();
    const fingerprint = JSON.stringify([caller.name ?? null, roles, agencyCodes]);
    const now = Date.now();
    const seen = this.observed.get(caller.subject);
    if (seen && seen.fingerprint === fingerprint && now - seen.at < OBSERVATION_REFRESH_MS) return;
    try {
      await this.officers.observe({ subject: caller.subject, name: caller.name ?? null, agencyCodes, roles }, this.clock.now());
      if (this.observed.size >= OBSERVATIONS_KEPT) this.observed.clear();
      this.observed.set(caller.subject, { fingerprint, at: now });
    } catch (error) {
      this.logger.warn(`officer ${caller.subject} not recorded in the directory: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Officers of the caller's agencies (admins: any), by agency and role. */
  async list(caller: Caller, query: OfficerQuery): Promise<Page<OfficerView>> {
    const isAdmin = WorkflowAccess.readOfficers.readsEveryAgency(caller);
    if (query.agencyCode && !isAdmin && !caller.agencyCodes.includes(query.agencyCode)) {
      throw new ProblemException(403, 'not-your-agency', 'Forbidden', `You do not act for agency ${query.agencyCode}.`);
    }
    const agencyCodes = query.agencyCode ? [query.agencyCode] : isAdmin ? null : caller.agencyCodes;
    const after = query.cursor ? decodeCursor(query.cursor, { subject: 'string' }).subject : null;
    const rows = await this.officers.list({ agencyCodes, role: query.role ?? null, after, limit: query.limit });
    const page = toPage(rows, query.limit, (last) => ({ subject: last.subject }));
    return { items: page.items.map(toOfficerView), nextCursor: page.nextCursor };
  }

  async register(caller: Caller, subject: string, request: RegisterOfficerRequest): Promise<OfficerView> {
    const row = await this.officers.register(
      { subject, name: request.name, title: request.title ?? null, agencyCodes: [...new Set(request.agencyCodes)].sort(), roles: request.roles, active: request.active },
      caller.subject,
      this.clock.now(),
    );
    this.observed.delete(subject);
    return toOfficerView(row);
  }

  /** The officer as the directory knows them (the name, and the title an administrator set), for the progress of what they do. */
  async known(manager: EntityManager, subject: string): Promise<{ name: string | null; title: string | null } | undefined> {
    const row = await this.officers.find(subject, manager);
    return row ? { name: row.name, title: row.title } : undefined;
  }

  /**
   * The officer a case at `agencyCode` may be assigned to, for a step done by one of `roles`;
   * otherwise a 422 naming `assignee.subject` and why.
   */
  async assignable(manager: EntityManager, subject: string, agencyCode: string, roles: readonly Role[]): Promise<OfficerView> {
    const refuse = (reason: string) => ProblemException.unprocessable('invalid-assignee', `The case cannot be assigned to ${subject}: ${reason}.`, [{ field: 'assignee.subject', reason }]);
    const row = await this.officers.find(subject, manager);
    if (!row) throw refuse('no officer with this subject is in the directory (officers are listed once they sign in, or when an administrator registers them)');
    if (!row.active) throw refuse('the officer is not taking assignments (inactive in the directory)');
    if (!row.agency_codes.includes(agencyCode)) throw refuse(`the officer does not act for agency ${agencyCode}, where the case is`);
    if (!row.roles.some((r) => roles.includes(r))) throw refuse(`this step is done by ${roles.join(' or ')}, and the officer is ${officerRolesOf(row.roles).join(', ') || 'none of these'}`);
    return toOfficerView(row);
  }
}
