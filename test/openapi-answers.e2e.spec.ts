import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import request from 'supertest';
import { FixedClock } from '@onestop/platform';
import { eventually, type Stack, startStack } from './stack.js';
import { APPLICANT, caseOpened, CENTRE_RECEPTION, CITIZEN_AN, DEPARTMENT_LEADER, DEPARTMENT_SPECIALIST, MONDAY_10AM, publishBody, seedCatalogBasics, SERVICE_CENTRE } from './fixtures/index.js';
import type { OpenApiDocument, Schema } from './openapi-document.js';

/**
 * The answers of the main flow, as a client generator reads the document: every JSON answer is
 * validated against the schema the document gives for its operation and status with a JSON
 * Schema 2020-12 validator (OpenAPI 3.1's dialect), so a `null` where the document has no null,
 * a missing required property or a wrong type fails (`additionalProperties` is not forced).
 * And every time in an answer is written one way, in +07:00.
 */

const DOCUMENT_ID = 'https://onestop.invalid/openapi.json';
/** ajv-formats is CommonJS: its function is the default export's `default` under ESM. */
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as unknown as (ajv: Ajv2020) => Ajv2020;

interface Answer {
  method: string;
  template: string;
  status: number;
  body: unknown;
}

/** `#/components/...` references, made absolute against the document added to ajv. */
function absolute(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(absolute);
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, key === '$ref' && typeof value === 'string' && value.startsWith('#/') ? `${DOCUMENT_ID}${value}` : absolute(value)]));
}

/** Every string in an answer that reads as a date and time, with where it is. */
function dateTimes(value: unknown, path = '$'): Array<{ path: string; value: string }> {
  if (typeof value === 'string') return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) ? [{ path, value }] : [];
  if (Array.isArray(value)) return value.flatMap((item, index) => dateTimes(item, `${path}[${index}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => dateTimes(item, `${path}.${key}`));
  return [];
}

describe('the answers of the main flow, against the OpenAPI document', () => {
  let stack: Stack;
  let doc: OpenApiDocument;
  const clock = new FixedClock(new Date(MONDAY_10AM));
  const answers: Answer[] = [];
  const api = () => request(stack.gatewayUrl);
  let reception: string;
  let specialist: string;
  let leader: string;
  let citizen: string;
  let code: string;
  /** The actions each answer offered its caller, by step of the flow. */
  const offered: Record<string, unknown> = {};

  /** Calls the gateway and keeps the answer, named by the operation's path template. */
  const call = async (method: 'get' | 'post' | 'put', template: string, path: string, auth?: string, body?: object, expected = method === 'post' && template === '/api/v1/dossiers' ? 201 : 200) => {
    const req = api()[method](path);
    if (auth) req.set('authorization', auth);
    const response = body ? await req.send(body) : await req;
    if (response.status !== expected) throw new Error(`${method.toUpperCase()} ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    answers.push({ method, template, status: response.status, body: response.body });
    return response.body as Record<string, unknown> & { items?: Array<Record<string, unknown>> };
  };

  beforeAll(async () => {
    stack = await startStack({ SIMULATED_CARRIER_TICK_MS: '100', CARRIER_POLL_MS: '200' }, { clock });
    doc = (await api().get('/api/openapi.json').expect(200)).body;
    await seedCatalogBasics(stack);
    await api().post('/api/v1/procedures').set('authorization', stack.adminAuth).send(publishBody('1.007001')).expect(201);
    reception = await stack.tokenFor(CENTRE_RECEPTION);
    specialist = await stack.tokenFor(DEPARTMENT_SPECIALIST);
    leader = await stack.tokenFor(DEPARTMENT_LEADER);
    citizen = await stack.tokenFor(CITIZEN_AN);

    // The catalog as the public reads it.
    await call('get', '/api/v1/agencies', '/api/v1/agencies');
    await call('get', '/api/v1/fields', '/api/v1/fields');
    await call('get', '/api/v1/levels', '/api/v1/levels');
    await call('get', '/api/v1/procedures', '/api/v1/procedures');
    await call('get', '/api/v1/procedures/{code}', '/api/v1/procedures/1.007001');
    await call('get', '/api/v1/procedures/{code}/versions', '/api/v1/procedures/1.007001/versions');

    // A dossier received at the counter, its result to go by post.
    const dossier = await call('post', '/api/v1/dossiers', '/api/v1/dossiers', citizen, {
      procedureCode: '1.007001',
      agencyCode: SERVICE_CENTRE,
      channel: 'online',
      applicant: APPLICANT,
      documents: [{ requirement: 1 }, { requirement: 2 }],
      resultDelivery: { method: 'post', address: { detail: 'Số 5 ngõ 7 đường Lê Lợi', commune: 'Phường Lương Khánh Thiện', province: 'Hà Nam' }, receiverName: 'Nguyễn Thị Hoa', receiverPhone: '0987654321' },
    });
    code = String(dossier.code);
    await caseOpened(stack, code, reception);
    await call('get', '/api/v1/dossiers/{code}', `/api/v1/dossiers/${code}`, citizen);
    await call('get', '/api/v1/dossiers', '/api/v1/dossiers', reception);
    await call('get', '/api/v1/lookup', `/api/v1/lookup?code=${code}&secret=${String(dossier.lookupSecret)}`);

    // The case through its steps, with the outcome.
    const act = (auth: string, body: object) => call('post', '/api/v1/cases/{dossierCode}/actions', `/api/v1/cases/${code}/actions`, auth, body);
    offered.registered = (await call('get', '/api/v1/cases/{dossierCode}', `/api/v1/cases/${code}`, reception)).allowedActions;
    offered.registeredToSpecialist = (await call('get', '/api/v1/cases/{dossierCode}', `/api/v1/cases/${code}`, specialist)).allowedActions;
    offered.accepted = (await act(reception, { action: 'accept' })).allowedActions;
    clock.set('2026-03-16T14:00:00+07:00');
    offered.forwardedToReception = (await act(reception, { action: 'forward', note: 'Chuyển Sở GTVT' })).allowedActions;
    offered.claimed = (await act(specialist, { action: 'claim' })).allowedActions;
    await call('get', '/api/v1/worklist', '/api/v1/worklist', specialist);
    clock.set('2026-03-18T10:00:00+07:00');
    await act(specialist, { action: 'appraise', opinion: 'Hồ sơ đủ điều kiện, đề nghị phê duyệt' });
    clock.set('2026-03-19T10:00:00+07:00');
    await act(leader, { action: 'approve' });
    clock.set('2026-03-20T10:00:00+07:00');
    offered.resultReady = (await act(reception, { action: 'issue_result', result: { kind: 'paper', documentNumber: '125/GP-SGTVT', summary: 'Giấy phép lái xe hạng B2' } })).allowedActions;
    await call('get', '/api/v1/cases/{dossierCode}', `/api/v1/cases/${code}`, leader);
    await call('get', '/api/v1/cases/{dossierCode}/control-sheet', `/api/v1/cases/${code}/control-sheet`, reception);

    // The result's shipment, moved on by the simulated carrier, a failed attempt on the way.
    const shipment = await eventually(async () => {
      const page = (await api().get('/api/v1/shipments').query({ dossierCode: code }).set('authorization', reception)).body as { items?: Array<{ id: string; status: string }> };
      return page.items?.find((s) => s.status === 'registered');
    }, 15000, 'the carrier to accept the delivery');
    await call('get', '/api/v1/shipments', `/api/v1/shipments?dossierCode=${code}`, reception);
    const move = (body: object) => call('post', '/api/v1/shipments/{id}/simulated-moves', `/api/v1/shipments/${shipment.id}/simulated-moves`, stack.adminAuth, body);
    await move({ move: 'collected' });
    await move({ move: 'failed_delivery' });
    await move({ move: 'delivered' });
    await call('get', '/api/v1/shipments/{id}', `/api/v1/shipments/${shipment.id}`, reception);
    await eventually(async () => ((await api().get(`/api/v1/dossiers/${code}`).set('authorization', citizen)).body.status === 'returned' ? true : undefined), 15000, 'the dossier to be returned');
    await call('get', '/api/v1/dossiers/{code}', `/api/v1/dossiers/${code}`, citizen);
    await call('get', '/api/v1/dossiers/{code}/progress', `/api/v1/dossiers/${code}/progress`, citizen);
    await call('get', '/api/v1/dossiers/{code}/receipt', `/api/v1/dossiers/${code}/receipt`, citizen);
    await call('get', '/api/v1/cases/{dossierCode}', `/api/v1/cases/${code}`, reception);
    await call('post', '/api/v1/dossiers/{code}/rating', `/api/v1/dossiers/${code}/rating?secret=${String(dossier.lookupSecret)}`, undefined, { score: 5, comment: 'Nhanh chóng' });
    await call('get', '/api/v1/dossiers/{code}', `/api/v1/dossiers/${code}`, citizen);

    // The reports, once reporting has heard of it all.
    await eventually(async () => {
      const balance = (await api().get('/api/v1/reports/dossier-balance?period=2026-03').set('authorization', stack.adminAuth)).body as { total?: { received?: { total?: number } } };
      return JSON.stringify(balance).includes('"received"') ? true : undefined;
    }, 15000, 'reporting to count the dossier');
    for (const path of ['dossier-balance?period=2026-03', 'dossier-balance?period=2026-03&groupBy=agency', 'indicators?period=2026-03', 'service-index?period=2026', 'targets?period=2026', 'online-services?period=2026-03']) {
      await call('get', `/api/v1/reports/${path.split('?')[0]}`, `/api/v1/reports/${path}`, stack.adminAuth);
    }
    await call('get', '/api/v1/targets', '/api/v1/targets?year=2026', stack.adminAuth);
    await call('get', '/api/v1/api-keys', '/api/v1/api-keys', stack.adminAuth);
  }, 180_000);

  afterAll(async () => {
    await stack?.close();
  });

  it('answers, at every step, what the document says (JSON Schema 2020-12)', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true, discriminator: true });
    addFormats(ajv);
    ajv.addSchema({ $id: DOCUMENT_ID, components: absolute(doc.components) as object });
    const validators = new Map<string, ValidateFunction>();
    const failures: string[] = [];
    for (const answer of answers) {
      const operation = doc.paths[answer.template]?.[answer.method] as { responses?: Record<string, { content?: Record<string, { schema?: Schema }> }> } | undefined;
      const schema = operation?.responses?.[String(answer.status)]?.content?.['application/json']?.schema;
      const key = `${answer.method.toUpperCase()} ${answer.template} ${answer.status}`;
      if (!schema) {
        failures.push(`${key}: the document has no JSON schema for this answer`);
        continue;
      }
      let validate = validators.get(key);
      if (!validate) validators.set(key, (validate = ajv.compile(absolute(schema) as object)));
      if (!validate(answer.body)) {
        for (const error of validate.errors ?? []) failures.push(`${key}: ${error.instancePath || '/'} ${error.message} (${error.schemaPath})`);
      }
    }
    expect([...new Set(failures)]).toEqual([]);
    // The check has teeth: a wrong type, a missing required property, and the 3.0-style nullable
    // reference (`type: [object, null]` beside `allOf`), which a null fails under 2020-12.
    const caseView = answers.find((a) => a.template === '/api/v1/cases/{dossierCode}')!;
    const validateCase = validators.get(`GET /api/v1/cases/{dossierCode} 200`)!;
    expect(validateCase({ ...(caseView.body as object), outcome: 5 })).toBe(false);
    const { dossierCode: _code, ...withoutCode } = caseView.body as Record<string, unknown>;
    expect(validateCase(withoutCode)).toBe(false);
    expect(ajv.validate({ type: ['object', 'null'], allOf: [{ $ref: `${DOCUMENT_ID}#/components/schemas/CaseOutcomeView` }] }, null)).toBe(false);
    // What the flow went through: the nullable references and enums a 3.0-style document got wrong.
    const body = (template: string) => answers.filter((a) => a.template === template).map((a) => a.body as Record<string, unknown>);
    expect(body('/api/v1/dossiers/{code}').some((d) => d.rating === null) && body('/api/v1/dossiers/{code}').some((d) => d.rating !== null)).toBe(true);
    expect(body('/api/v1/cases/{dossierCode}').some((c) => c.outcome === null) && body('/api/v1/cases/{dossierCode}').some((c) => c.outcome !== null)).toBe(true);
    expect(body('/api/v1/reports/dossier-balance').some((r) => r.groupBy === null)).toBe(true);
  });

  it('writes every time in an answer in +07:00, the one offset of the API', () => {
    const odd = answers.flatMap((answer) => dateTimes(answer.body).filter((t) => !/\+07:00$/.test(t.value)).map((t) => `${answer.method.toUpperCase()} ${answer.template}: ${t.path} = ${t.value}`));
    expect(odd).toEqual([]);
    expect(answers.flatMap((answer) => dateTimes(answer.body)).length).toBeGreaterThan(50);
  });

  it('answers lists as { items, nextCursor }, null when the whole list fits', () => {
    for (const template of ['/api/v1/fields', '/api/v1/levels', '/api/v1/dossiers/{code}/progress', '/api/v1/procedures/{code}/versions', '/api/v1/api-keys']) {
      const [page] = answers.filter((a) => a.template === template).map((a) => a.body as { items: unknown[]; nextCursor: unknown });
      expect({ template, items: Array.isArray(page.items), nextCursor: page.nextCursor }).toEqual({ template, items: true, nextCursor: null });
    }
  });

  it('tells the caller the actions it may take on the case now, and pages the progress with a cursor', async () => {
    const view = (auth: string) => api().get(`/api/v1/cases/${code}`).set('authorization', auth).expect(200);
    // Computed with the state machine and the same role, agency and assignment checks as the action itself.
    expect(offered).toEqual({
      registered: expect.arrayContaining(['accept', 'claim', 'refuse', 'request_supplement']),
      registeredToSpecialist: [],
      accepted: expect.arrayContaining(['claim', 'forward', 'refuse', 'request_supplement']),
      forwardedToReception: [],
      claimed: expect.arrayContaining(['claim', 'appraise', 'refuse', 'request_supplement']),
      resultReady: ['mark_returned'],
    });
    expect(offered.registered).not.toContain('forward');
    expect(offered.claimed).not.toContain('approve');
    // Returned: nothing more to do, for anyone.
    expect((await view(reception)).body.allowedActions).toEqual([]);
    const page = (await api().get(`/api/v1/dossiers/${code}/progress?limit=2`).set('authorization', citizen).expect(200)).body;
    expect(page.items).toHaveLength(2);
    const rest = (await api().get(`/api/v1/dossiers/${code}/progress?limit=200&cursor=${page.nextCursor}`).set('authorization', citizen).expect(200)).body;
    const all = (await api().get(`/api/v1/dossiers/${code}/progress`).set('authorization', citizen).expect(200)).body;
    expect([...page.items, ...rest.items]).toEqual(all.items);
    expect(rest.nextCursor).toBeNull();
  });
});
