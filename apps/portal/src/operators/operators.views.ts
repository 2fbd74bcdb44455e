import { ApiProperty } from '@nestjs/swagger';
import { formatLocal } from '@onestop/domain';
import type { PushRow } from '../pushes/pushes.repository.js';

const local = (d: Date | null) => (d ? formatLocal(new Date(d)) : null);

export class PushView {
  @ApiProperty({ example: '42' })
  id: string;

  @ApiProperty({ example: '000.00.01.H56-260316-0001' })
  dossierCode: string;

  @ApiProperty({ enum: ['portal', 'emc'], example: 'portal', description: 'The national portal, or the ministry\'s monitoring system (EMC).' })
  target: 'portal' | 'emc';

  @ApiProperty({ example: 'DongBoHoSoMC', description: 'The call: DongBoHoSoMC (the dossier), CapNhatTienDoHoSoMC (a progress step) or EMC (a report).' })
  service: string;

  @ApiProperty({ example: 3, description: 'Its place in the dossier\'s order: 0 the reception, then workflow\'s status sequence.' })
  position: number;

  @ApiProperty({ enum: ['pending', 'sent', 'failed'], example: 'pending', description: '`failed`: parked after the portal refused it too often; it holds back the dossier\'s later pushes until re-pushed.' })
  state: 'pending' | 'sent' | 'failed';

  @ApiProperty({ example: 1 })
  attempts: number;

  @ApiProperty({ type: String, nullable: true, example: 'error_code -1: Mã TTHC không tồn tại', description: 'Why the last attempt did not go through (the portal\'s message).' })
  lastError: string | null;

  @ApiProperty({ example: '2026-03-16T10:00:00+07:00' })
  createdAt: string;

  @ApiProperty({ type: String, nullable: true, example: '2026-03-16T10:00:02+07:00' })
  sentAt: string | null;

  @ApiProperty({ type: String, nullable: true, example: '2026-03-16T10:05:00+07:00', description: 'When it is tried again, while pending.' })
  nextAttemptAt: string | null;
}

export function pushView(row: PushRow): PushView {
  return {
    id: String(row.id),
    dossierCode: row.dossier_code,
    target: row.target,
    service: row.service,
    position: row.position,
    state: row.state,
    attempts: row.attempts,
    lastError: row.last_error,
    createdAt: local(row.created_at)!,
    sentAt: local(row.sent_at),
    nextAttemptAt: row.state === 'pending' ? local(row.next_attempt_at) : null,
  };
}

export class DossierSyncView {
  @ApiProperty({ example: '000.00.01.H56-260316-0001' })
  dossierCode: string;

  @ApiProperty({ example: true, description: 'The portal has the dossier (a push of it was taken, or the portal said it had it).' })
  knownToPortal: boolean;

  @ApiProperty({ type: Number, nullable: true, example: 4, description: 'The national status (TrangThaiHoSo) of the last dossier push the portal took.' })
  lastPushedStatus: number | null;

  @ApiProperty({ type: String, nullable: true, example: '2026-03-16T10:00:02+07:00' })
  lastPushedAt: string | null;

  @ApiProperty({ type: String, nullable: true, example: '2026-03-16T10:00:02+07:00', description: 'When the portal first took the dossier.' })
  synchronisedAt: string | null;

  @ApiProperty({ example: 0 })
  pending: number;

  @ApiProperty({ example: 0 })
  failed: number;

  @ApiProperty({ type: [PushView], description: 'Every push of the dossier, in the order they are sent.' })
  pushes: PushView[];
}

export class TargetTotalsView {
  @ApiProperty({ example: 3 })
  pending: number;

  @ApiProperty({ example: 1 })
  failed: number;

  @ApiProperty({ example: 1520 })
  sent: number;

  @ApiProperty({ type: String, nullable: true, example: '2026-03-16T09:58:00+07:00', description: 'When the oldest push still pending was queued.' })
  oldestPendingAt: string | null;
}

export class SyncSummaryView {
  @ApiProperty({ enum: ['off', 'simulated', 'http'], example: 'http', description: 'Where pushes go (NATIONAL_PORTAL).' })
  nationalPortal: string;

  @ApiProperty({ enum: ['off', 'simulated', 'http'], example: 'off', description: 'Where EMC reports go (EMC).' })
  emc: string;

  @ApiProperty({ type: TargetTotalsView })
  portalPushes: TargetTotalsView;

  @ApiProperty({ type: TargetTotalsView })
  emcReports: TargetTotalsView;

  @ApiProperty({ example: 420, description: 'Dossiers received since the connector was on.' })
  dossiers: number;

  @ApiProperty({ example: 418, description: 'Of them, those the portal has taken.' })
  synchronised: number;

  @ApiProperty({ type: [PushView], description: 'The 50 most recently parked pushes, newest first, with the portal\'s message.' })
  failures: PushView[];
}

export class RepushView {
  @ApiProperty({ example: 12, description: 'Dossiers pushed again.' })
  dossiers: number;

  @ApiProperty({ example: 1, description: 'Parked pushes put back in the queue.' })
  requeued: number;
}

export class SimulatedCallView {
  @ApiProperty({ example: '7' })
  id: string;

  @ApiProperty({ enum: ['portal', 'emc'], example: 'portal' })
  target: string;

  @ApiProperty({ example: 'DongBoHoSoMC' })
  service: string;

  @ApiProperty({ type: String, nullable: true, example: '000.00.01.H56-260316-0001' })
  dossierCode: string | null;

  @ApiProperty({ type: 'object', additionalProperties: true, example: { service: 'DongBoHoSoMC', isUpdating: 'False', data: [{ MaHoSo: '000.00.01.H56-260316-0001' }] }, description: 'What the portal received, in its own field names.' })
  body: Record<string, unknown>;

  @ApiProperty({ type: 'object', additionalProperties: true, example: { error_code: '0', message: 'Thành công' } })
  answer: Record<string, unknown>;

  @ApiProperty({ example: '2026-03-16T10:00:02+07:00' })
  receivedAt: string;
}

export class SimulatedCallsView {
  @ApiProperty({ type: [SimulatedCallView], description: 'The 200 most recent calls, newest first.' })
  items: SimulatedCallView[];
}
