import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { FixedClock } from '@onestop/platform';
import { queryDatabase } from '@onestop/platform/testing';
import { buildPdf, onePageObjects } from '../libs/platform/src/testing/sample-files.js';
import { eventually, type Stack, startStack } from './stack.js';
import { binary, counterDossier, DEPARTMENT, MAIN_FLOW_OFFICERS, MONDAY_10AM, publishBody, receiveDossier, seedCatalogBasics, SERVICE_CENTRE, signIn } from './fixtures/index.js';

/**
 * What a front-end for applicants and officers meets after reception (issue 13): supplement
 * requests that name what they ask and answers that supply it, applicants without an account
 * acting with the lookup code, one meaning of "late" everywhere, and the names of units and
 * officers in the progress.
 */
const PROCEDURE = '1.013001';
const BIRTH_CERTIFICATE = 'Bản sao giấy khai sinh';

const dossierBody = () =>
  counterDossier(PROCEDURE, {
    applicant: {
      kind: 'person',
      name: 'Phạm Thị Mai',
      idNumber: '035090009876',
      phone: '0977555111',
      address: { detail: 'Số 5 đường Lê Lợi', commune: 'Phường Quang Trung', province: 'Hà Nam' },
    },
  });

describe('after reception, as a front-end meets it', () => {
  let stack: Stack;
  const clock = new FixedClock(new Date(MONDAY_10AM));
  const api = () => request(stack.gatewayUrl);
  let as: Record<keyof typeof MAIN_FLOW_OFFICERS, string>;

  const receive = () => receiveDossier(stack, as.reception, dossierBody());
  const act = (auth: string, code: string, body: object) => api().post(`/api/v1/cases/${code}/actions`).set('authorization', auth).send(body);
  const caseOf = async (code: string) => (await api().get(`/api/v1/cases/${code}`).set('authorization', as.specialist).expect(200)).body;
  const dossierWhen = (code: string, check: (d: Record<string, unknown>) => boolean, what: string) =>
    eventually(async () => {
      const body = (await api().get(`/api/v1/dossiers/${code}`).set('authorization', as.reception)).body;
      return check(body) ? body : undefined;
    }, 10000, what);
  const progressOf = async (code: string) => {
    const body = (await api().get(`/api/v1/dossiers/${code}/progress`).query({ limit: 200 }).set('authorization', as.reception).expect(200)).body;
    return (Array.isArray(body) ? body : body.items) as Array<Record<string, unknown>>;
  };
  const controlSheet = async (code: string) => (await api().get(`/api/v1/cases/${code}/control-sheet`).set('authorization', as.specialist).expect(200)).body.entries as Array<{ action: string; result: string }>;

  beforeAll(async () => {
    stack = await startStack({}, { clock });
    await seedCatalogBasics(stack);
    const documents = [
      { name: 'Đơn đề nghị cấp giấy phép lái xe', form: 'original', quantity: 1, required: true },
      { name: 'Giấy khám sức khỏe', form: 'original', quantity: 1, required: true },
      { name: BIRTH_CERTIFICATE, form: 'certified_copy', quantity: 1, required: false },
    ];
    await api().post('/api/v1/procedures').set('authorization', stack.adminAuth).send(publishBody(PROCEDURE, { documents })).expect(201);
    as = await signIn(stack, MAIN_FLOW_OFFICERS);
  });

  afterAll(async () => {
    await stack?.close();
  });

  beforeEach(() => clock.set(MONDAY_10AM));

  it('asks for documents of the procedure\'s list and extra items, takes the answers item by item with their files, and keeps the clock stopped until all came', async () => {
    const { code, lookupSecret } = await receive();
    await act(as.reception, code, { action: 'forward' }).expect(200);
    clock.set('2026-03-17T10:00:00+07:00');

    // What the request may name: a document of the list by position, or an extra item in words, not both.
    const beyond = await act(as.specialist, code, { action: 'request_supplement', missingDocuments: [{ requirement: 9 }] }).expect(422);
    expect(beyond.body).toMatchObject({ code: 'unknown-document', errors: [{ field: 'missingDocuments[0].requirement', reason: 'the procedure lists 3 documents' }] });
    const both = await act(as.specialist, code, { action: 'request_supplement', missingDocuments: [{ requirement: 3, name: 'Giấy khai sinh' }] }).expect(400);
    expect(both.body.errors.map((e: { field: string }) => e.field)).toEqual([expect.stringMatching(/missingDocuments.*name/)]);

    const asked = await act(as.specialist, code, {
      action: 'request_supplement',
      missingDocuments: [{ requirement: 3, note: 'Bản sao có chứng thực' }, { name: 'Giấy xác nhận nơi cư trú' }],
      note: 'Bổ sung trong 10 ngày làm việc',
    }).expect(200);
    const items = [
      { item: 1, requirement: 3, name: BIRTH_CERTIFICATE, note: 'Bản sao có chứng thực' },
      { item: 2, requirement: null, name: 'Giấy xác nhận nơi cư trú', note: null },
    ];
    expect(asked.body.supplementRequest).toMatchObject({ documents: items, answers: [], outstanding: items });
    const requested = await dossierWhen(code, (d) => d.status === 'supplement_requested', 'intake to show the request');
    expect(requested.supplementRequests).toEqual([
      {
        requestedAt: '2026-03-17T10:00:00+07:00',
        items: items.map((i) => ({ ...i, suppliedAt: null, fileIds: [] })),
        note: 'Bổ sung trong 10 ngày làm việc',
        outstanding: [1, 2],
        completedAt: null,
      },
    ]);

    // The applicant came to the counter and has no account: the lookup code from the receipt does.
    const supplements = `/api/v1/dossiers/${code}/supplements`;
    expect((await api().post(supplements).send({ documents: [{ requirement: 3 }] }).expect(401)).body.code).toBe('authentication-required');
    expect((await api().post(supplements).query({ secret: 'AAAAAAAAAAAA' }).send({ documents: [{ requirement: 3 }] }).expect(404)).body.code).toBe('dossier-not-found');
    const viewer = await stack.tokenFor({ subject: 'viewer.centre', roles: ['viewer'], agencyCodes: [SERVICE_CENTRE] });
    expect((await api().post(supplements).set('authorization', viewer).send({ documents: [{ requirement: 3 }] }).expect(403)).body.code).toBe('forbidden');

    // The file first, with the same code, while the supplement is requested.
    const pdf = buildPdf(onePageObjects('Ban sao giay khai sinh'));
    const uploaded = await api().post(`/api/v1/dossiers/${code}/documents`).query({ secret: lookupSecret }).field('requirement', '3').attach('file', pdf, 'khai-sinh.pdf').expect(201);
    expect(uploaded.body).toMatchObject({ requirement: 3, requirementName: BIRTH_CERTIFICATE, uploadedBy: { kind: 'applicant', name: 'Phạm Thị Mai' } });
    await api().post(`/api/v1/dossiers/${code}/documents`).query({ secret: 'AAAAAAAAAAAA' }).attach('file', pdf, 'x.pdf').expect(404);

    // Only what the request asks for, and only the dossier's files.
    const notAsked = await api().post(supplements).query({ secret: lookupSecret }).send({ documents: [{ requirement: 1 }] }).expect(422);
    expect(notAsked.body).toMatchObject({ code: 'not-requested', errors: [{ field: 'documents[0].requirement', reason: expect.stringContaining('does not ask for document 1') }] });
    const noItem = await api().post(supplements).query({ secret: lookupSecret }).send({ documents: [{ item: 5 }] }).expect(422);
    expect(noItem.body.errors).toEqual([{ field: 'documents[0].item', reason: 'the supplement request has items 1-2' }]);
    const strangeFile = await api().post(supplements).query({ secret: lookupSecret }).send({ documents: [{ requirement: 3, files: [randomUUID()] }] }).expect(422);
    expect(strangeFile.body).toMatchObject({ code: 'unknown-file', errors: [{ field: 'documents[0].files[0]' }] });

    // Part of it: taken, shown, and the dossier still waits for the rest with the clock stopped.
    const partial = await api().post(supplements).query({ secret: lookupSecret.toLowerCase() }).send({ documents: [{ requirement: 3, files: [uploaded.body.id] }] }).expect(200);
    expect(partial.body).toMatchObject({ status: 'supplement_requested', nationalStatusCode: 5 });
    expect(partial.body.documents.map((d: { requirement: number }) => d.requirement)).toEqual([1, 2, 3]);
    expect(partial.body.documents[2]).toMatchObject({ requirement: 3, name: BIRTH_CERTIFICATE, form: 'certified_copy', supplementedAt: '2026-03-17T10:00:00+07:00', fileIds: [uploaded.body.id] });
    expect(partial.body.supplementRequests[0]).toMatchObject({ outstanding: [2], completedAt: null, items: [{ item: 1, suppliedAt: '2026-03-17T10:00:00+07:00', fileIds: [uploaded.body.id] }, { item: 2, suppliedAt: null }] });
    const waiting = await eventually(async () => {
      const c = await caseOf(code);
      return c.supplementRequest?.answers.length === 1 ? c : undefined;
    }, 10000, 'workflow to record the partial answer');
    expect(waiting).toMatchObject({ state: 'awaiting_supplement', supplementRequest: { answers: [{ complete: false, items: [{ item: 1, requirement: 3, fileIds: [uploaded.body.id] }] }], outstanding: [items[1]] } });
    expect((await controlSheet(code)).at(-1)).toMatchObject({ action: 'supplement_received', result: `Nhận một phần hồ sơ bổ sung: 1. ${BIRTH_CERTIFICATE}; còn thiếu: 2. Giấy xác nhận nơi cư trú` });

    // The rest, two working days after the request: processing resumes, the dates move out by the wait.
    clock.set('2026-03-19T10:00:00+07:00');
    const complete = await api().post(supplements).query({ secret: lookupSecret }).send({ documents: [{ item: 2 }], note: 'Đã bổ sung đủ' }).expect(200);
    expect(complete.body).toMatchObject({ status: 'processing', supplementRequests: [{ outstanding: [], completedAt: '2026-03-19T10:00:00+07:00' }] });
    const resumed = await eventually(async () => {
      const c = await caseOf(code);
      return c.state === 'in_step' ? c : undefined;
    }, 10000, 'the case to resume');
    expect(resumed).toMatchObject({ waitedMinutes: 960, dueAt: '2026-04-01T10:00:00+07:00', supplementRequest: null });
    expect(resumed.supplementRequests[0]).toMatchObject({
      documents: items,
      answeredAt: '2026-03-19T10:00:00+07:00',
      answerNote: 'Đã bổ sung đủ',
      waitedMinutes: 960,
      outstanding: [],
      answers: [{ complete: false, items: [{ item: 1 }] }, { complete: true, items: [{ item: 2, requirement: null, name: 'Giấy xác nhận nơi cư trú' }] }],
    });
    const sheet = await controlSheet(code);
    expect(sheet.find((e) => e.action === 'request_supplement')?.result).toBe(`Yêu cầu bổ sung: 1. ${BIRTH_CERTIFICATE} (Bản sao có chứng thực); 2. Giấy xác nhận nơi cư trú`);
    expect(sheet.at(-1)).toMatchObject({ action: 'resume', result: 'Nhận hồ sơ bổ sung, tiếp tục giải quyết: 2. Giấy xác nhận nơi cư trú' });
    expect((await api().post(supplements).query({ secret: lookupSecret }).send({ documents: [{ item: 2 }] }).expect(409)).body.code).toBe('supplement-not-requested');
    // Once the supplement is in, the code uploads nothing more.
    expect((await api().post(`/api/v1/dossiers/${code}/documents`).query({ secret: lookupSecret }).attach('file', pdf, 'x.pdf').expect(409)).body.code).toBe('supplement-not-requested');
  });

  it('reads supplement requests stored before they were itemised, and takes answers workflow received before', async () => {
    const { code } = await receive();
    await act(as.reception, code, { action: 'forward' }).expect(200);
    await act(as.specialist, code, { action: 'request_supplement', missingDocuments: [{ name: 'Giấy tờ khác' }] }).expect(200);
    // As stored before items were numbered: free text only.
    const legacy = { requestedAt: '2026-03-16T03:00:00.000Z', requestedBy: 'specialist.dept', documents: [{ name: 'Giấy xác nhận cũ', note: 'Bản chính' }], note: null };
    await queryDatabase(
      stack.databaseUrl,
      `UPDATE workflow.cases SET supplement_request = $2::jsonb, supplement_requests = jsonb_build_array($2::jsonb || '{"stepKind": null, "agencyCode": null, "answeredAt": null, "answerNote": null, "waitedMinutes": null}'::jsonb) WHERE dossier_code = $1`,
      [code, JSON.stringify(legacy)],
    );
    const read = await caseOf(code);
    const item = { item: 1, requirement: null, name: 'Giấy xác nhận cũ', note: 'Bản chính' };
    expect(read.supplementRequest).toMatchObject({ documents: [item], answers: [], outstanding: [item] });
    expect(read.supplementRequests[0]).toMatchObject({ documents: [item], answers: [] });
    // A SupplementReceived written before answers were itemised: a complete answer of documents.
    await request(stack.urlOf('workflow'))
      .post('/internal/events')
      .set('x-service-token', stack.serviceToken)
      .send({ id: randomUUID(), type: 'SupplementReceived', version: 1, source: 'intake', occurredAt: new Date().toISOString(), payload: { dossierCode: code, receivedAt: clock.now().toISOString(), documents: [{ requirement: 2, quantity: 1 }], note: null } })
      .expect(200);
    const resumed = await caseOf(code);
    expect(resumed).toMatchObject({ state: 'in_step', supplementRequest: null });
    expect(resumed.supplementRequests[0].answers).toEqual([{ receivedAt: MONDAY_10AM, items: [{ item: null, requirement: 2, name: null, quantity: 1, fileIds: [] }], note: null, complete: true }]);
  });

  it('gives the applicant without an account the receipt with the lookup code, as JSON and PDF', async () => {
    const { code, lookupSecret } = await receive();
    const receipt = `/api/v1/dossiers/${code}/receipt`;
    const json = await api().get(receipt).query({ secret: lookupSecret }).expect(200);
    expect(json.body).toMatchObject({ dossierCode: code });
    const pdf = await api().get(receipt).query({ secret: lookupSecret }).set('accept', 'application/pdf').buffer(true).parse(binary).expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    expect((await api().get(receipt).query({ secret: lookupSecret, format: 'pdf' }).buffer(true).parse(binary).expect(200)).headers['content-type']).toBe('application/pdf');
    expect((await api().get(receipt).query({ secret: 'AAAAAAAAAAAA' }).expect(404)).body.code).toBe('dossier-not-found');
    expect((await api().get(receipt).expect(401)).body.code).toBe('authentication-required');
    await api().get(receipt).set('authorization', as.reception).expect(200);
  });

  it('counts a dossier late against its due date everywhere, after the apology too, and the lookup says so with the new date', async () => {
    const { code, lookupSecret } = await receive();
    const other = await receive();
    // A day past the due date (30 March 10:00): the desk apologises and sets a new date.
    clock.set('2026-03-31T09:00:00+07:00');
    await act(as.reception, code, { action: 'apologise', reason: 'Chậm do xác minh', newAppointmentAt: '2026-04-03T16:00:00+07:00' }).expect(200);
    const shown = await dossierWhen(code, (d) => d.appointmentAt === '2026-04-03T16:00:00+07:00', 'intake to show the new appointment');
    const lateness = { dueAt: '2026-03-30T10:00:00+07:00', appointmentAt: '2026-04-03T16:00:00+07:00', overdue: true };
    expect(shown).toMatchObject({ ...lateness, apology: { issuedAt: '2026-03-31T09:00:00+07:00', newAppointmentAt: '2026-04-03T16:00:00+07:00' } });

    const list = async (overdue: boolean) => (await api().get('/api/v1/dossiers').query({ overdue: String(overdue), limit: 200 }).set('authorization', as.reception).expect(200)).body.items as Array<Record<string, unknown>>;
    const late = await list(true);
    expect(late.find((d) => d.code === code)).toMatchObject(lateness);
    expect(late.map((d) => d.code)).toContain(other.code); // due 30 March too, without an apology
    expect((await list(false)).map((d) => d.code)).not.toContain(code);

    const found = (await api().get('/api/v1/lookup').query({ code, secret: lookupSecret }).expect(200)).body;
    expect(found).toMatchObject({ ...lateness, status: 'accepted', apology: { newAppointmentAt: '2026-04-03T16:00:00+07:00' } });
    expect(found.statusText).toBe('Hồ sơ giải quyết quá hạn, đã xin lỗi và hẹn lại ngày trả kết quả: 03/04/2026 16:00');
    expect(found.progress.at(-1)).toMatchObject({ status: 'accepted', content: 'Xin lỗi công dân vì chậm trễ, hẹn lại ngày trả kết quả', appointmentAt: '2026-04-03T16:00:00+07:00' });
    expect(JSON.stringify(found)).not.toContain('Chậm do xác minh');

    expect(await caseOf(code)).toMatchObject({ lateness: 'overdue', dueAt: lateness.dueAt, appointmentAt: lateness.appointmentAt });
    const worklist = (await api().get('/api/v1/worklist').query({ limit: 200 }).set('authorization', as.reception).expect(200)).body.items as Array<Record<string, unknown>>;
    expect(worklist.find((i) => i.dossierCode === code)).toMatchObject({ lateness: 'overdue', dueAt: lateness.dueAt });

    // Before the due date, neither is late.
    clock.set('2026-03-27T10:00:00+07:00');
    expect((await list(true)).map((d) => d.code)).not.toContain(other.code);
    expect((await api().get('/api/v1/lookup').query({ code: other.code, secret: other.lookupSecret }).expect(200)).body).toMatchObject({ overdue: false, apology: null, statusText: 'Đã tiếp nhận hồ sơ' });
  });

  it('names the unit of every step and the officer who acted (with the directory\'s title) in the progress and the national feed, never in the public lookup', async () => {
    await api().put('/api/v1/officers/leader.dept').set('authorization', stack.adminAuth).send({ name: 'Phạm Văn Dũng', title: 'Phó Giám đốc Sở', agencyCodes: [DEPARTMENT], roles: ['leader'] }).expect(200);
    const { code, lookupSecret } = await receive();
    await act(as.reception, code, { action: 'forward' }).expect(200);
    await act(as.specialist, code, { action: 'appraise', opinion: 'Đủ điều kiện' }).expect(200);
    await act(as.leader, code, { action: 'approve' }).expect(200);
    await act(as.reception, code, { action: 'issue_result', result: { kind: 'paper', documentNumber: '77/GP-SGTVT' } }).expect(200);
    const progress = await eventually(async () => {
      const entries = await progressOf(code);
      return entries.length >= 5 ? entries : undefined;
    }, 10000, 'the progress to follow');
    const names: Record<string, string> = { [SERVICE_CENTRE]: 'Trung tâm Phục vụ hành chính công tỉnh', [DEPARTMENT]: 'Sở Giao thông vận tải' };
    for (const entry of progress) expect({ unit: entry.unitCode, name: entry.unitName }).toEqual({ unit: entry.unitCode, name: names[entry.unitCode as string] });
    expect(progress.find((p) => p.content === 'Đã thẩm định, chuyển phê duyệt')).toMatchObject({ unitName: 'Sở Giao thông vận tải', officerName: 'Trần Thị Bình', officerTitle: 'Chuyên viên' });
    expect(progress.find((p) => p.content === 'Đã phê duyệt')).toMatchObject({ officerName: 'Phạm Văn Dũng', officerTitle: 'Phó Giám đốc Sở' });

    const portal = await stack.tokenFor({ subject: 'portal', roles: ['admin'] });
    const feed: Array<Record<string, unknown>> = [];
    let cursor: string | undefined;
    for (;;) {
      const page = (await api().get('/api/v1/sync/dossiers').query({ limit: 200, ...(cursor ? { cursor } : {}) }).set('authorization', portal).expect(200)).body;
      feed.push(...page.items.filter((e: { dossierCode: string }) => e.dossierCode === code));
      if (page.items.length < 200 || !page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(feed.every((e) => typeof e.unitName === 'string')).toBe(true);
    // Each step names the unit the dossier is at after it (the approval hands it back to the centre for the result).
    expect(feed.find((e) => e.content === 'Đã thẩm định, chuyển phê duyệt')).toMatchObject({ unitName: 'Sở Giao thông vận tải', officerName: 'Trần Thị Bình', officerTitle: 'Chuyên viên' });
    expect(feed.find((e) => e.content === 'Đã phê duyệt')).toMatchObject({ unitName: 'Trung tâm Phục vụ hành chính công tỉnh', officerName: 'Phạm Văn Dũng', officerTitle: 'Phó Giám đốc Sở' });
    // Each step says what it did as data: reception's own, then workflow's actions.
    expect(feed.map((e) => e.action)).toEqual(['receive', 'forward', 'appraise', 'approve', 'issue_result']);

    const found = (await api().get('/api/v1/lookup').query({ code, secret: lookupSecret }).expect(200)).body;
    expect(found.progress.map((p: { unitName: string | null }) => p.unitName)).toEqual(progress.map((p) => p.unitName));
    const text = JSON.stringify(found);
    for (const hidden of ['Trần Thị Bình', 'Phạm Văn Dũng', 'Lê Văn Cường', 'Phó Giám đốc Sở', 'Chuyên viên', 'officerName', 'officerTitle']) expect(text).not.toContain(hidden);
  });
});
