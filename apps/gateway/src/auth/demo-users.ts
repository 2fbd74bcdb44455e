import type { Role } from '@onestop/domain';

export interface DemoUser {
  username: string;
  /** The token's `sub`: stable, so what a demo user did is still theirs after a restart. */
  subject: string;
  name: string;
  roles: Role[];
  agencyCodes: string[];
}

/** Trung tâm Phục vụ hành chính công tỉnh Hà Nam, in the demo catalog (apps/catalog/src/demo). */
const SERVICE_CENTRE = '000.00.01.H56';
/** Sở Tư pháp, in the demo catalog. */
const JUSTICE_DEPARTMENT = '000.00.02.H56';

function officer(username: string, name: string, role: Role, agencyCode: string): DemoUser {
  return { username, subject: `demo:${username}`, name, roles: [role], agencyCodes: [agencyCode] };
}

/**
 * People to try the system with on a local or demo installation, signing in at
 * `POST /api/v1/auth/token` with the one password `DEMO_USERS_PASSWORD` (no password set: no
 * demo sign-in). One officer per role for each of two agencies of the demo province, the
 * service centre (`.ttphc`) and the justice department (`.stp`), one administrator and two
 * citizens. Never a way in on a real installation: there people sign in at the province's
 * identity provider and the gateway only passes their tokens on.
 */
export const DEMO_USERS: readonly DemoUser[] = [
  officer('reception.ttphc', 'Nguyễn Thị Lan', 'reception', SERVICE_CENTRE),
  officer('specialist.ttphc', 'Trần Văn Minh', 'specialist', SERVICE_CENTRE),
  officer('leader.ttphc', 'Lê Quang Huy', 'leader', SERVICE_CENTRE),
  officer('postal.ttphc', 'Phạm Văn Nam', 'postal', SERVICE_CENTRE),
  officer('viewer.ttphc', 'Hoàng Thị Mai', 'viewer', SERVICE_CENTRE),
  officer('reception.stp', 'Vũ Thị Hạnh', 'reception', JUSTICE_DEPARTMENT),
  officer('specialist.stp', 'Đặng Văn Tuấn', 'specialist', JUSTICE_DEPARTMENT),
  officer('leader.stp', 'Bùi Thị Thu', 'leader', JUSTICE_DEPARTMENT),
  officer('postal.stp', 'Đỗ Văn Long', 'postal', JUSTICE_DEPARTMENT),
  officer('viewer.stp', 'Ngô Thị Hương', 'viewer', JUSTICE_DEPARTMENT),
  // The administrator manages the whole system, not one agency.
  { username: 'admin', subject: 'demo:admin', name: 'Quản trị hệ thống', roles: ['admin'], agencyCodes: [] },
  { username: 'citizen.an', subject: 'demo:citizen.an', name: 'Nguyễn Văn An', roles: ['citizen'], agencyCodes: [] },
  { username: 'citizen.binh', subject: 'demo:citizen.binh', name: 'Trần Thị Bình', roles: ['citizen'], agencyCodes: [] },
];

export function findDemoUser(username: string): DemoUser | undefined {
  return DEMO_USERS.find((user) => user.username === username);
}
