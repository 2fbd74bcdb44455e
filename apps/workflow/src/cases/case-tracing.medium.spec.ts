import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventually, type FakeService, freePort, startServiceUnderTest, type ServiceUnderTest } from '@onestop/platform/testing';
import { DEPARTMENT, dossierReceived, SERVICE_CENTRE, MONDAY_10AM } from '../../../../test/fixtures/index.js';
import { WorkflowModule } from '../workflow.module.js';

const catalog: FakeService = (request) => {
  if (request.path === '/api/v1/calendar') {
    return { body: { year: Number(request.query.get('year')), sessions: [{ start: '07:00', end: '11:30' }, { start: '13:30', end: '17:00' }], weekendDays: [6, 7], days: [] } };
  }
  if (request.path === `/api/v1/agencies/${DEPARTMENT}`) return { body: { code: DEPARTMENT, name: 'Sở Giao thông vận tải' } };
  return undefined;
};

/** The trace id a `traceparent` names (version-traceid-spanid-flags). */
const traceIdOf = (traceparent: unknown) => String(traceparent ?? '').split('-')[1];
const spanIdOf = (traceparent: unknown) => String(traceparent ?? '').split('-')[2];

/** A publisher's delivery span: what intake's relay puts in the envelope when it traces. */
const DELIVERY = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
const WITHDRAWAL = '00-5cf92f3577b34da6a3ce929d0e0e4737-11f067aa0ba902b8-01';

const withdrawal = (dossierCode: string) => ({ dossierCode, withdrawnAt: MONDAY_10AM, reason: 'Người nộp rút hồ sơ', receivingAgencyCode: SERVICE_CENTRE });

/**
 * Workflow on its own, catalog and the subscribers faked: with traces on, an event's handling
 * continues the trace its delivery carries, into the calls the handler makes and the events it
 * writes; with traces off, nothing of the kind is sent.
 */
describe('workflow tracing an event it handles', () => {
  describe('with OTEL_EXPORTER_OTLP_ENDPOINT set', () => {
    let workflow: ServiceUnderTest;
    let receiver: Server;
    const exported: Array<{ name: string; traceId: string; spanId: string; parentSpanId?: string }> = [];

    beforeAll(async () => {
      receiver = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { resourceSpans: Array<{ scopeSpans: Array<{ spans: typeof exported }> }> };
          for (const resource of body.resourceSpans) for (const scope of resource.scopeSpans) exported.push(...scope.spans);
          res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
        });
      });
      const port = await freePort();
      await new Promise<void>((resolve) => receiver.listen(port, '127.0.0.1', resolve));
      workflow = await startServiceUnderTest(WorkflowModule, {
        service: 'workflow',
        fakes: { catalog },
        settings: { LATENESS_SWEEP_MS: '600000', OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}/`, OTEL_BSP_SCHEDULE_DELAY: '50' },
      });
    });

    afterAll(async () => {
      await workflow?.close();
      await new Promise((resolve) => receiver?.close(resolve));
    });

    it('handles the event as a child of its delivery, and asks catalog within that trace', async () => {
      const code = '000.00.01.H56-260316-0101';
      expect((await workflow.deliver({ type: 'DossierReceived', source: 'intake', payload: dossierReceived(code), traceparent: DELIVERY })).status).toBe(200);
      const calendar = workflow.callsTo('catalog').find((call) => call.path === '/api/v1/calendar');
      expect(traceIdOf(calendar?.headers.traceparent)).toBe(traceIdOf(DELIVERY));
      const handling = await eventually(async () => exported.find((s) => s.name === 'handle DossierReceived' && s.traceId === traceIdOf(DELIVERY)), 5000, 'the handling span');
      expect(handling.parentSpanId).toBe(spanIdOf(DELIVERY));
    });

    it('carries the trace on in the events its handler writes', async () => {
      const code = '000.00.01.H56-260316-0102';
      expect((await workflow.deliver({ type: 'DossierReceived', source: 'intake', payload: dossierReceived(code) })).status).toBe(200);
      expect((await workflow.deliver({ type: 'DossierWithdrawn', source: 'intake', payload: withdrawal(code), traceparent: WITHDRAWAL })).status).toBe(200);
      const change = await eventually(
        async () => workflow.deliveredTo('intake').find((e) => e.type === 'DossierStatusChanged' && (e.payload as { dossierCode: string }).dossierCode === code && (e.payload as { status: string }).status === 'withdrawn'),
        5000,
        'intake to be told of the withdrawal',
      );
      expect(traceIdOf(change.traceparent)).toBe(traceIdOf(WITHDRAWAL));
      // The delivery is a span of its own, whose parent is the handling that wrote the event.
      const handling = await eventually(async () => exported.find((s) => s.name === 'handle DossierWithdrawn' && s.traceId === traceIdOf(WITHDRAWAL)), 5000, 'the handling span');
      const delivery = await eventually(async () => exported.find((s) => s.name === 'deliver DossierStatusChanged to intake' && s.traceId === traceIdOf(WITHDRAWAL)), 5000, 'the delivery span');
      expect(delivery.parentSpanId).toBe(handling.spanId);
    });
  });

  describe('without it', () => {
    let workflow: ServiceUnderTest;

    beforeAll(async () => {
      workflow = await startServiceUnderTest(WorkflowModule, { service: 'workflow', fakes: { catalog }, settings: { LATENESS_SWEEP_MS: '600000' } });
    });

    afterAll(async () => {
      await workflow?.close();
    });

    it('sends no trace context, on calls or events, even when a publisher sent one', async () => {
      const code = '000.00.01.H56-260316-0103';
      expect((await workflow.deliver({ type: 'DossierReceived', source: 'intake', payload: dossierReceived(code), traceparent: DELIVERY })).status).toBe(200);
      expect((await workflow.deliver({ type: 'DossierWithdrawn', source: 'intake', payload: withdrawal(code), traceparent: WITHDRAWAL })).status).toBe(200);
      await eventually(async () => (workflow.deliveredTo('intake').some((e) => e.type === 'DossierStatusChanged' && (e.payload as { status: string }).status === 'withdrawn') ? true : undefined), 5000, 'intake to be told');
      expect(workflow.callsTo('catalog').length).toBeGreaterThan(0);
      expect(workflow.callsTo('catalog').filter((call) => call.headers.traceparent !== undefined)).toEqual([]);
      expect([...workflow.deliveredTo('intake'), ...workflow.deliveredTo('reporting')].filter((event) => 'traceparent' in event)).toEqual([]);
      expect(await workflow.query(`SELECT count(*)::int AS n FROM workflow.outbox_events WHERE trace_context IS NOT NULL`)).toEqual([{ n: 0 }]);
    });
  });
});
