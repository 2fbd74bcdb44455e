import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { DataSource } from 'typeorm';
import { FixedClock, OutboxRelay, writeEvent } from '@onestop/platform';
import { eventually, type FakeService, startServiceUnderTest, type ServiceUnderTest } from '@onestop/platform/testing';
import { CENTRE_RECEPTION, DEPARTMENT, dossierReceived, MONDAY_10AM, SERVICE_CENTRE } from '../../../../test/fixtures/index.js';
import { WorkflowModule } from '../workflow.module.js';

/** Tuesday 17 March declared a day off on the faked catalog's calendar: a step's due time skips it. */
const DAY_OFF = '2026-03-17';

const catalog: FakeService = (request) => {
  if (request.path === '/api/v1/calendar') {
    const year = Number(request.query.get('year'));
    return {
      body: {
        year,
        sessions: [{ start: '07:00', end: '11:30' }, { start: '13:30', end: '17:00' }],
        weekendDays: [6, 7],
        days: year === 2026 ? [{ date: DAY_OFF, kind: 'holiday' }] : [],
      },
    };
  }
  if (request.path === `/api/v1/agencies/${DEPARTMENT}`) return { body: { code: DEPARTMENT, name: 'Sở Giao thông vận tải' } };
  return undefined;
};

/**
 * Workflow alone on its database, catalog faked at its HTTP door and every subscriber faked
 * too: a case opened from intake's DossierReceived counts on catalog's calendar, and the status
 * change its handlers announce leaves as soon as the handler's transaction commits, though the
 * relay polls only once a minute here.
 */
describe('workflow opening cases from its inbox (catalog faked)', () => {
  let workflow: ServiceUnderTest;
  let reception: string;
  const clock = new FixedClock(new Date(MONDAY_10AM));

  beforeAll(async () => {
    workflow = await startServiceUnderTest(WorkflowModule, { service: 'workflow', fakes: { catalog }, clock, settings: { OUTBOX_POLL_MS: '60000', LATENESS_SWEEP_MS: '600000' } });
    reception = await workflow.tokenFor(CENTRE_RECEPTION);
  });

  afterAll(async () => {
    await workflow?.close();
  });

  const openCase = async (code: string) => {
    expect((await workflow.deliver({ type: 'DossierReceived', source: 'intake', payload: dossierReceived(code) })).status).toBe(200);
    const response = await fetch(`${workflow.url}/api/v1/cases/${code}`, { headers: { authorization: reception } });
    expect(response.status).toBe(200);
    return (await response.json()) as { state: string; currentStep: { kind: string; agencyCode: string; dueAt: string } };
  };
  const statusChangesTo = (subscriber: 'intake' | 'reporting', code: string) =>
    workflow.deliveredTo(subscriber).filter((e) => e.type === 'DossierStatusChanged' && (e.payload as { dossierCode: string }).dossierCode === code);

  it('opens the case with the first step due on the calendar catalog gives, skipping its day off', async () => {
    const opened = await openCase('000.00.01.H56-260316-0001');
    // 480 working minutes from Monday 10:00: the 300 left on Monday, then 180 on Wednesday, Tuesday being off.
    expect(opened).toMatchObject({ state: 'in_step', currentStep: { kind: 'appraise', agencyCode: DEPARTMENT, dueAt: '2026-03-18T10:00:00+07:00' } });
    expect(workflow.callsTo('catalog').some((call) => call.path === '/api/v1/calendar')).toBe(true);
  });

  it('delivers the status change an inbox handler writes when its transaction commits, not at the next poll', async () => {
    const code = '000.00.01.H56-260316-0002';
    await openCase(code);
    const withdrawn = await workflow.deliver({
      type: 'DossierWithdrawn',
      source: 'intake',
      payload: { dossierCode: code, withdrawnAt: MONDAY_10AM, reason: 'Người nộp rút hồ sơ', receivingAgencyCode: SERVICE_CENTRE },
    });
    expect(withdrawn.status).toBe(200);
    // Well inside the 60 s poll: only the commit can have started it.
    const [change] = await eventually(async () => (statusChangesTo('intake', code).length > 0 ? statusChangesTo('intake', code) : undefined), 5000, 'intake to be told');
    expect(change.payload).toMatchObject({ dossierCode: code, status: 'withdrawn' });
    expect(JSON.stringify(change.payload)).toContain('Sở Giao thông vận tải');
    await eventually(async () => (statusChangesTo('reporting', code).length === 1 ? true : undefined), 5000, 'reporting to be told');
  });

  it('starts delivery after a plain transaction that wrote an event commits, and nothing after one rolled back', async () => {
    const dataSource = workflow.app.get(DataSource);
    const nudge = jest.spyOn(workflow.app.get(OutboxRelay), 'nudge');
    const rated = (dossierCode: string) => ({ dossierCode, receivingAgencyCode: SERVICE_CENTRE, score: 5 as const, ratedAt: MONDAY_10AM });
    try {
      await expect(
        dataSource.transaction(async (manager) => {
          await writeEvent(manager, 'DossierRated', rated('000.00.01.H56-260316-0003'));
          throw new Error('the change it announced failed');
        }),
      ).rejects.toThrow('the change it announced failed');
      expect(nudge).not.toHaveBeenCalled();
      expect(await workflow.query(`SELECT id FROM workflow.outbox_events WHERE payload->>'dossierCode' = $1`, ['000.00.01.H56-260316-0003'])).toEqual([]);

      await dataSource.transaction((manager) => writeEvent(manager, 'DossierRated', rated('000.00.01.H56-260316-0004')));
      expect(nudge).toHaveBeenCalledTimes(1);
      await eventually(async () => (workflow.deliveredTo('reporting').some((e) => e.type === 'DossierRated') ? true : undefined), 5000, 'the rating to leave');
      expect(workflow.deliveredTo('reporting').filter((e) => e.type === 'DossierRated').map((e) => (e.payload as { dossierCode: string }).dossierCode)).toEqual(['000.00.01.H56-260316-0004']);
    } finally {
      nudge.mockRestore();
    }
  });

  it('refuses to write an event outside a transaction, where it could commit without its change', async () => {
    const dataSource = workflow.app.get(DataSource);
    await expect(writeEvent(dataSource.manager, 'DossierRated', { dossierCode: '000.00.01.H56-260316-0005', receivingAgencyCode: SERVICE_CENTRE, score: 4, ratedAt: MONDAY_10AM })).rejects.toThrow(/inside the transaction/);
  });
});
