import { randomBytes, randomUUID } from 'node:crypto';
import { type DossierFactInput, nationalStatusCode } from '@onestop/domain';
import { Clock, FixedClock } from '@onestop/platform';
import { createTestDatabase, freePort, startTestService, type TestService } from '@onestop/platform/testing';
import { randomDossier, type Random } from '../../../../libs/domain/src/reporting/random-dossiers.js';
import { CatalogModule } from '../../../catalog/src/catalog.module.js';
import { ReportingModule } from '../reporting.module.js';

/**
 * Generated dossiers for reporting's tests: plausible histories (libs/domain's randomDossier)
 * under a few agencies, receivers, procedures and channels, turned into the events intake and
 * workflow write, and delivered to a reporting service's inbox shuffled, several at a time,
 * some twice.
 */
export const AGENCIES = ['000.17.22.H56', '000.17.23.H56', '000.17.24.H56'];
export const RECEIVERS = ['000.00.01.H56', '000.17.22.H56'];
export const PROCEDURES = [
  { code: '1.009001', field: 'GT-DB' },
  { code: '1.009002', field: 'GT-DB' },
  { code: '1.009003', field: 'TP-HT' },
  { code: '2.009004', field: 'TP-HT' },
];
export const CHANNELS = ['counter', 'online', 'post'] as const;

export interface Generated {
  code: string;
  fact: DossierFactInput;
  agency: string;
  receiver: string;
  procedure: (typeof PROCEDURES)[number];
  channel: (typeof CHANNELS)[number];
}

function envelope(type: string, source: string, payload: Record<string, unknown>) {
  return { id: randomUUID(), type, version: 1, source, occurredAt: new Date().toISOString(), payload };
}

export function eventsOf(d: Generated) {
  const events = [];
  const r = d.fact.received!;
  events.push(
    envelope('DossierReceived', 'intake', {
      dossierCode: d.code,
      procedureCode: d.procedure.code,
      procedureVersionNo: 1,
      procedureName: `Thủ tục ${d.procedure.code}`,
      fieldCode: d.procedure.field,
      levelCode: 'province',
      receivingAgencyCode: d.receiver,
      competentAgencyCode: d.agency,
      channel: d.channel,
      receivedAt: r.at,
      countingFrom: r.at,
      appointmentAt: r.dueAt,
      processingMinutes: 4800,
      steps: [],
      resultDelivery: 'counter',
      onTheSpot: r.onTheSpot,
      feesPaidOnline: r.feesPaidOnline,
      receivedBy: 'generator',
    }),
  );
  for (const s of d.fact.statuses) {
    events.push(
      envelope('DossierStatusChanged', 'workflow', {
        dossierCode: d.code,
        status: s.status,
        nationalStatusCode: nationalStatusCode(s.status),
        at: s.at,
        unitCode: d.agency,
        unitName: null,
        officerName: null,
        officerTitle: null,
        content: s.status,
        appointmentAt: s.dueAt,
        dueAt: s.dueAt,
        sequence: s.sequence,
      }),
    );
  }
  if (d.fact.withdrawnAt) events.push(envelope('DossierWithdrawn', 'intake', { dossierCode: d.code, withdrawnAt: d.fact.withdrawnAt, reason: 'Rút', receivingAgencyCode: d.receiver }));
  if (d.fact.result) {
    const res = d.fact.result;
    events.push(envelope('ResultReady', 'workflow', { dossierCode: d.code, agencyCode: d.receiver, deliveryMethod: res.deliveryMethod, resultKind: res.kind, documentNumber: 'GP-1', readyAt: res.readyAt }));
  }
  if (d.fact.rating) events.push(envelope('DossierRated', 'intake', { dossierCode: d.code, receivingAgencyCode: d.receiver, score: d.fact.rating.score, ratedAt: d.fact.rating.ratedAt }));
  return events;
}

/** `count` dossiers received from `start` over `spanDays`, coded `000.00.01.H56-250101-0001` and on. */
export function generateDossiers(random: Random, count: number, start: string, spanDays: number): Generated[] {
  const startMs = Date.parse(start);
  return Array.from({ length: count }, (_, i) => ({
    code: `000.00.01.H56-250101-${String(i + 1).padStart(4, '0')}`,
    fact: randomDossier(random, startMs, spanDays),
    agency: random.pick(AGENCIES),
    receiver: random.pick(RECEIVERS),
    procedure: random.pick(PROCEDURES),
    channel: random.pick(CHANNELS),
  }));
}

/** A reporting service on its own database, its clock fixed at `now`; the other services' URLs lead nowhere, but catalog's when given (its working-time calendar). */
export async function startReporting(now: string, catalogUrl = 'http://127.0.0.1:9'): Promise<{ service: TestService; adminToken: string; serviceToken: string }> {
  const port = await freePort();
  const adminToken = randomBytes(24).toString('hex');
  const serviceToken = randomBytes(24).toString('hex');
  const service = await startTestService(ReportingModule, {
    service: 'reporting',
    port,
    env: {
      DATABASE_URL: await createTestDatabase('reporting'),
      SERVICE_TOKEN: serviceToken,
      ADMIN_TOKEN: adminToken,
      PORT: String(port),
      LOG_LEVEL: 'fatal',
      CATALOG_URL: catalogUrl,
      INTAKE_URL: 'http://127.0.0.1:9',
      WORKFLOW_URL: 'http://127.0.0.1:9',
    },
    overrides: [{ token: Clock, value: new FixedClock(new Date(now)) }],
  });
  return { service, adminToken, serviceToken };
}

/** A catalog service of its own, without demo data: reporting's working-time calendar (the real one, with Vietnam's public holidays). */
export async function startCalendarCatalog(): Promise<TestService> {
  const port = await freePort();
  return startTestService(CatalogModule, {
    service: 'catalog',
    port,
    env: { DATABASE_URL: await createTestDatabase('catalog_calendar'), SERVICE_TOKEN: randomBytes(24).toString('hex'), REPORTING_URL: 'http://127.0.0.1:9', LOG_LEVEL: 'fatal', PORT: String(port), DEMO_DATA: 'false' },
  });
}

/** One event to reporting's inbox, as a publisher's relay posts it; throws unless it is taken. */
export async function deliverEvent(url: string, serviceToken: string, event: { type: string; source: string; payload: object; version?: number }): Promise<void> {
  const envelope = { id: randomUUID(), version: 1, occurredAt: new Date().toISOString(), ...event };
  const response = await fetch(`${url}/internal/events`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-service-token': serviceToken }, body: JSON.stringify(envelope) });
  if (!response.ok) throw new Error(`${event.type} refused: ${response.status} ${await response.text()}`);
}

/** Every event of the dossiers, shuffled across dossiers, a tenth of them delivered twice, four at a time, retried as the relay would. */
export async function deliverShuffled(random: Random, dossiers: Generated[], url: string, serviceToken: string): Promise<void> {
  const events = dossiers.flatMap(eventsOf);
  const deliveries = [...events, ...events.filter(() => random.chance(0.1))];
  for (let i = deliveries.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [deliveries[i], deliveries[j]] = [deliveries[j], deliveries[i]];
  }
  let next = 0;
  const deliver = async () => {
    while (next < deliveries.length) {
      const event = deliveries[next++];
      for (let attempt = 1; ; attempt++) {
        const response = await fetch(`${url}/internal/events`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-service-token': serviceToken }, body: JSON.stringify(event) });
        if (response.ok) break;
        // A lock conflict between two events of one dossier is the only expected failure.
        if (attempt >= 5) throw new Error(`${event.type} refused: ${response.status} ${await response.text()}`);
      }
    }
  };
  await Promise.all(Array.from({ length: 4 }, deliver));
}
