import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { FixedClock, Metrics } from '@onestop/platform';
import { type FakeService, startServiceUnderTest, type ServiceUnderTest } from '@onestop/platform/testing';
import { DEPARTMENT, dossierReceived, MONDAY_10AM } from '../../../../test/fixtures/index.js';
import { WorkflowModule } from '../workflow.module.js';
import { LatenessSweepService } from './lateness-sweep.service.js';

const catalog: FakeService = (request) => {
  if (request.path === '/api/v1/calendar') {
    return { body: { year: Number(request.query.get('year')), sessions: [{ start: '07:00', end: '11:30' }, { start: '13:30', end: '17:00' }], weekendDays: [6, 7], days: [] } };
  }
  if (request.path === `/api/v1/agencies/${DEPARTMENT}`) return { body: { code: DEPARTMENT, name: 'Sở Giao thông vận tải' } };
  return undefined;
};

/**
 * Workflow's figures as Prometheus reads them: cases the sweep marks late, and what a
 * transaction counts only once it has committed.
 */
describe('workflow metrics', () => {
  let workflow: ServiceUnderTest;
  const clock = new FixedClock(new Date(MONDAY_10AM));
  const sample = async (name: string, labels: string) => {
    const text = await (await fetch(`${workflow.url}/metrics`, { headers: { 'x-service-token': workflow.serviceToken } })).text();
    const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && l.includes(labels));
    return line === undefined ? undefined : Number(line.split(' ').at(-1));
  };

  beforeAll(async () => {
    workflow = await startServiceUnderTest(WorkflowModule, { service: 'workflow', fakes: { catalog }, clock, settings: { LATENESS_SWEEP_MS: '600000' } });
  });

  afterAll(async () => {
    await workflow?.close();
  });

  it('counts the cases the lateness sweep marks overdue, once each', async () => {
    for (const code of ['000.00.01.H56-260316-0201', '000.00.01.H56-260316-0202']) {
      expect((await workflow.deliver({ type: 'DossierReceived', source: 'intake', payload: dossierReceived(code) })).status).toBe(200);
    }
    expect(await sample('onestop_cases_marked_total', 'mark="overdue"')).toBe(0);
    // A month on, both cases are past their due date.
    clock.set('2026-04-16T10:00:00+07:00');
    const outcome = await workflow.app.get(LatenessSweepService).sweep();
    expect(outcome.overdue).toBe(2);
    expect(await sample('onestop_cases_marked_total', 'mark="overdue"')).toBe(2);
    // Each mark is announced once, in the transaction that made it, for the officers' notices.
    const announced = () =>
      workflow.query<{ payload: Record<string, unknown>; subscribers: string[] }>(
        `SELECT e.payload, array_agg(d.subscriber ORDER BY d.subscriber) AS subscribers
           FROM workflow.outbox_events e JOIN workflow.outbox_deliveries d ON d.event_seq = e.seq
          WHERE e.type = 'CaseLatenessMarked' GROUP BY e.seq, e.payload ORDER BY e.payload->>'dossierCode', e.payload->>'mark'`,
      );
    // Both cases are also past their current step's share of the time: a mark of its own.
    const cases = await workflow.query<{ dossier_code: string; due_at: Date; step_due_at: Date; current_agency_code: string; current_step_kind: string }>(
      `SELECT dossier_code, due_at, step_due_at, current_agency_code, current_step_kind FROM workflow.cases ORDER BY dossier_code`,
    );
    const markedAt = '2026-04-16T03:00:00.000Z';
    expect(await announced()).toEqual(
      cases.flatMap((c) =>
        (['overdue', 'step_overdue'] as const).map((mark) => ({
          payload: { dossierCode: c.dossier_code, mark, agencyCode: c.current_agency_code, stepKind: c.current_step_kind, dueAt: (mark === 'overdue' ? c.due_at : c.step_due_at).toISOString(), markedAt },
          subscribers: ['notification'],
        })),
      ),
    );
    // Already marked: a second sweep marks, counts and announces nothing.
    await workflow.app.get(LatenessSweepService).sweep();
    expect(await sample('onestop_cases_marked_total', 'mark="overdue"')).toBe(2);
    expect(await announced()).toHaveLength(4);
  });

  it('adds what a transaction counted only once it commits, and nothing for one rolled back', async () => {
    const metrics = workflow.app.get(Metrics);
    const counter = metrics.counter({ name: 'medium_test_changes_total', help: 'Changes a test made.', labelNames: ['outcome'] });
    const dataSource = workflow.app.get(DataSource);
    await expect(
      dataSource.transaction(async (manager) => {
        metrics.countOnCommit(manager, counter, { outcome: 'tried' });
        await manager.query('SELECT 1');
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await sample('onestop_medium_test_changes_total', 'outcome="tried"')).toBeUndefined();
    await dataSource.transaction(async (manager) => {
      metrics.countOnCommit(manager, counter, { outcome: 'tried' });
      // A savepoint inside is released before the commit: it counts no earlier, and no twice.
      await manager.transaction(async (inner) => metrics.countOnCommit(inner, counter, { outcome: 'tried' }));
      expect(await sample('onestop_medium_test_changes_total', 'outcome="tried"')).toBeUndefined();
    });
    expect(await sample('onestop_medium_test_changes_total', 'outcome="tried"')).toBe(2);
  });
});
