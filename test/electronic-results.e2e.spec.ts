import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { X509Certificate } from 'node:crypto';
import request from 'supertest';
import { renderFormPdf, verifyPdfSignature } from '@onestop/platform';
import { pdfsig, queryDatabase, readPdfPages, testSigning } from '@onestop/platform/testing';
import { eventually, type Stack, startStack } from './stack.js';
import { APPLICANT, binary, CITIZEN_AN, counterDossier, DEPARTMENT, DEPARTMENT_LEADER, MAIN_FLOW_OFFICERS, OTHER_AGENCY, PROVINCE, publishBody, receiveDossier, SERVICE_CENTRE, seedCatalogBasics, signIn } from './fixtures/index.js';

/** A result document as an agency draws it up: a one-page A4 licence. */
function licencePdf(): Promise<Buffer> {
  return renderFormPdf({
    formNumber: 'GP',
    issuer: 'UBND tỉnh Hà Nam',
    issuerLines: ['Sở Giao thông vận tải'],
    reference: 'Số: 125/GP-SGTVT',
    title: 'Giấy phép lái xe',
    body: [{ kind: 'fields', fields: [{ label: 'Họ và tên', value: 'Nguyễn Văn An' }, { label: 'Hạng', value: 'B2' }] }],
  });
}

describe('electronic results: signed, downloaded, verified, revoked', () => {
  let stack: Stack;
  let trusted: X509Certificate[];
  const api = () => request(stack.gatewayUrl);
  let as: Record<keyof typeof MAIN_FLOW_OFFICERS | 'citizen' | 'otherCitizen' | 'outsider', string>;
  const act = (auth: string, code: string, body: object) => api().post(`/api/v1/cases/${code}/actions`).set('authorization', auth).send(body);

  /** A counter dossier taken through appraisal and approval, at its return step. */
  async function atReturnStep(overrides: Record<string, unknown> = {}): Promise<{ code: string; lookupSecret: string }> {
    const dossier = await receiveDossier(stack, as.reception, counterDossier('1.008001', overrides));
    await act(as.reception, dossier.code, { action: 'forward' }).expect(200);
    await act(as.specialist, dossier.code, { action: 'appraise', opinion: 'Đủ điều kiện' }).expect(200);
    await act(as.leader, dossier.code, { action: 'approve' }).expect(200);
    return dossier;
  }

  const issueWithFile = (code: string, pdf: Buffer, fields: Record<string, string> = { documentNumber: '125/GP-SGTVT', summary: 'Giấy phép lái xe hạng B2' }) => {
    const call = api().post(`/api/v1/cases/${code}/results`).set('authorization', as.reception);
    for (const [name, value] of Object.entries(fields)) call.field(name, value);
    return call.attach('file', pdf, { filename: 'giay-phep.pdf', contentType: 'application/pdf' });
  };
  const download = (code: string, query: Record<string, string>, auth?: string) => {
    const call = api().get(`/api/v1/dossiers/${code}/result`).query(query);
    if (auth) call.set('authorization', auth);
    return call.buffer(true).parse(binary);
  };
  const verifyFile = (pdf: Buffer) => api().post('/api/v1/results/verify').attach('file', pdf, { filename: 'ket-qua.pdf', contentType: 'application/pdf' });

  beforeAll(async () => {
    stack = await startStack();
    trusted = [new X509Certificate((await testSigning([PROVINCE, SERVICE_CENTRE, DEPARTMENT, OTHER_AGENCY])).authority.certificatePem)];
    await seedCatalogBasics(stack);
    await api().post('/api/v1/procedures').set('authorization', stack.adminAuth).send(publishBody('1.008001')).expect(201);
    await api().put(`/api/v1/officers/${DEPARTMENT_LEADER.subject}`).set('authorization', stack.adminAuth).send({ name: DEPARTMENT_LEADER.name, title: 'Giám đốc Sở Giao thông vận tải', roles: ['leader'], agencyCodes: [DEPARTMENT] }).expect((r) => expect([200, 201]).toContain(r.status));
    as = await signIn(stack, { ...MAIN_FLOW_OFFICERS, citizen: CITIZEN_AN, otherCitizen: { subject: 'citizen-binh', roles: ['citizen'] }, outsider: { subject: 'reception.other', roles: ['reception'], agencyCodes: [OTHER_AGENCY] } });
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('issues the attached PDF signed by the agency, downloaded with the lookup code, verified, a tampered copy refused, then revoked and replaced', async () => {
    const { code, lookupSecret } = await atReturnStep();
    const issued = await issueWithFile(code, await licencePdf()).expect(201);
    expect(issued.body).toMatchObject({ dossierCode: code, status: 'in_force', documentNumber: '125/GP-SGTVT', agencyCode: DEPARTMENT, agencyName: 'Sở Giao thông vận tải', signerTitle: 'Giám đốc Sở Giao thông vận tải', source: 'attached' });
    expect(issued.body.verificationCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    // Issuing was the case's issue_result: the status moved with it.
    expect((await api().get(`/api/v1/cases/${code}`).set('authorization', as.reception).expect(200)).body.state).toBe('result_ready');
    // Once per dossier.
    expect((await issueWithFile(code, await licencePdf()).expect(409)).body.code).toBe('result-already-issued');

    // The applicant without an account downloads it with the receipt's lookup code.
    const signed = (await download(code, { secret: lookupSecret }).expect(200).expect('content-type', 'application/pdf')).body as Buffer;
    expect(signed.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await download(code, { secret: 'ZZZZZZZZZZZZ' })).status).toBe(404);
    // Valid for poppler's pdfsig and for our own check, under the test CA.
    const report = await pdfsig(signed);
    expect(report).toMatchObject({ valid: true, signatures: 1 });
    expect(report.output).toContain('ETSI.CAdES.detached');
    expect(verifyPdfSignature(signed, trusted)).toMatchObject({ intact: true, signatureValid: true, coversWholeFile: true, trusted: true });
    // The stamp is on the last page, in Vietnamese, with the verification code.
    const lastPage = (await readPdfPages(signed)).pop()!.text;
    expect(lastPage).toContain('Cơ quan: Sở Giao thông vận tải');
    expect(lastPage).toContain('Người ký: Giám đốc Sở Giao thông vận tải');
    expect(lastPage).toContain(`Mã xác thực: ${issued.body.verificationCode}`);

    // Anyone verifies it, by the code on the stamp or by the file.
    const byCode = (await api().get('/api/v1/results/verify').query({ code: issued.body.verificationCode.toLowerCase() }).expect(200)).body;
    expect(byCode).toMatchObject({ genuine: true, status: 'in_force', dossierCode: code, documentNumber: '125/GP-SGTVT', agencyName: 'Sở Giao thông vận tải', revokedAt: null });
    expect(byCode.verdict).toContain('đang có hiệu lực');
    expect((await verifyFile(signed).expect(200)).body).toMatchObject({ genuine: true, status: 'in_force', dossierCode: code, signature: { intact: true, signatureValid: true, trusted: true } });

    // One letter changed inside the signed bytes: both verifiers refuse it.
    const tampered = Buffer.from(signed);
    tampered[tampered.indexOf('/Producer') + 2] ^= 0x20;
    expect((await pdfsig(tampered)).valid).toBe(false);
    const refused = (await verifyFile(tampered).expect(200)).body;
    expect(refused).toMatchObject({ genuine: false, status: 'not_genuine', dossierCode: null, signature: { intact: false } });
    expect(refused.problem).toContain('changed after it was signed');

    // Revoked with a reason: still verifiable, as revoked.
    await api().post(`/api/v1/cases/${code}/results/${issued.body.id}/revocation`).set('authorization', as.outsider).send({ reason: 'Sai' }).expect(404);
    const revoked = (await api().post(`/api/v1/cases/${code}/results/${issued.body.id}/revocation`).set('authorization', as.leader).send({ reason: 'Sai hạng giấy phép' }).expect(200)).body;
    expect(revoked).toMatchObject({ status: 'revoked', revocationReason: 'Sai hạng giấy phép' });
    expect((await api().post(`/api/v1/cases/${code}/results/${issued.body.id}/revocation`).set('authorization', as.leader).send({ reason: 'Lần nữa' }).expect(409)).body.code).toBe('result-already-revoked');
    expect((await verifyFile(signed).expect(200)).body).toMatchObject({ genuine: true, status: 'revoked', revocationReason: 'Sai hạng giấy phép' });
    expect((await download(code, { secret: lookupSecret })).status).toBe(404);

    // The corrected result replaces it; the old one points to the new one.
    const replacement = (await issueWithFile(code, await licencePdf(), { documentNumber: '126/GP-SGTVT' }).expect(201)).body;
    expect(replacement).toMatchObject({ status: 'in_force', documentNumber: '126/GP-SGTVT', replacesId: issued.body.id });
    expect((await api().get('/api/v1/results/verify').query({ code: issued.body.verificationCode }).expect(200)).body).toMatchObject({ status: 'revoked', replacedBy: replacement.verificationCode });
    const current = (await download(code, { secret: lookupSecret }).expect(200)).body as Buffer;
    expect((await pdfsig(current)).valid).toBe(true);
    const listed = (await api().get(`/api/v1/cases/${code}/results`).set('authorization', as.reception).expect(200)).body.items;
    expect(listed.map((r: { status: string }) => r.status)).toEqual(['revoked', 'in_force']);
  });

  it('renders a simple result from the template and signs it, issued with the case action', async () => {
    const { code } = await atReturnStep();
    await act(as.reception, code, { action: 'issue_result', result: { kind: 'electronic', documentNumber: '77/XN-SGTVT', summary: 'Xác nhận đã giải quyết hồ sơ' } }).expect(200);
    const [result] = (await api().get(`/api/v1/cases/${code}/results`).set('authorization', as.reception).expect(200)).body.items;
    expect(result).toMatchObject({ source: 'template', documentNumber: '77/XN-SGTVT', status: 'in_force' });
    const signed = (await download(code, {}, as.reception).expect(200)).body as Buffer;
    expect((await pdfsig(signed)).valid).toBe(true);
    const text = (await readPdfPages(signed)).map((p) => p.text).join(' ');
    expect(text).toContain('KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH');
    expect(text).toContain('Xác nhận đã giải quyết hồ sơ');
    expect(text).toContain('(Đã ký số)');
  });

  it('refuses what is not a result to sign, and an unknown verification code', async () => {
    const { code } = await atReturnStep();
    const png = (await issueWithFile(code, Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')).expect(415)).body;
    expect(png.code).toBe('unsupported-file-type');
    const missing = (await api().post(`/api/v1/cases/${code}/results`).set('authorization', as.reception).attach('file', await licencePdf(), 'kq.pdf').expect(400)).body;
    expect(new Set(missing.errors.map((e: { field: string }) => e.field))).toEqual(new Set(['documentNumber']));
    // Nothing was issued by the refused requests.
    expect((await api().get(`/api/v1/cases/${code}/results`).set('authorization', as.reception).expect(200)).body.items).toEqual([]);
    expect((await api().get('/api/v1/results/verify').query({ code: 'AAAA-BBBB-CCCC' }).expect(404)).body.code).toBe('result-not-found');
    expect((await api().get('/api/v1/results/verify').query({ code: 'not a code' }).expect(400)).body.errors[0].field).toBe('code');
    // A PDF signed by nobody.
    expect((await verifyFile(await licencePdf()).expect(200)).body).toMatchObject({ genuine: false, signature: null });
  });

  it('lets only the dossier\'s officers and the lookup code\'s holder download the result', async () => {
    const { code } = await atReturnStep();
    await issueWithFile(code, await licencePdf()).expect(201);
    await download(code, {}, as.otherCitizen).expect(404);
    await download(code, {}, as.outsider).expect(404);
    await download(code, {}).expect(401);
    await download(code, {}, as.leader).expect(200);
  });

  describe('the applicant\'s document store', () => {
    const upload = (code: string, file: Buffer, requirement: string) =>
      api().post(`/api/v1/dossiers/${code}/documents`).set('authorization', as.reception).field('requirement', requirement).attach('file', file, { filename: 'giay-kham.pdf', contentType: 'application/pdf' });
    const digitise = (auth: string, code: string, id: string) => api().post(`/api/v1/dossiers/${code}/documents/${id}/digitisation`).set('authorization', auth).send({});

    it('keeps a document digitised at the counter, and a second dossier reuses it for a required document of the same type, the bytes kept once', async () => {
      const first = await receiveDossier(stack, as.reception, counterDossier('1.008001', { applicant: { ...APPLICANT, idNumber: '035090007777' } }));
      const scan = await licencePdf();
      const uploaded = (await upload(first.code, scan, '2').expect(201)).body;
      // Only reception of the receiving agency digitises.
      await digitise(as.leader, first.code, uploaded.id).expect(403);
      await digitise(as.outsider, first.code, uploaded.id).expect(404);
      const entry = (await digitise(as.reception, first.code, uploaded.id).expect(201)).body;
      expect(entry).toMatchObject({ kind: 'digitised', documentType: 'Giấy khám sức khỏe', dossierCode: first.code, agencyCode: SERVICE_CENTRE, sha256: uploaded.sha256 });
      expect((await digitise(as.reception, first.code, uploaded.id).expect(200)).body.id).toBe(entry.id);
      const listedFile = (await api().get(`/api/v1/dossiers/${first.code}/documents`).set('authorization', as.reception).expect(200)).body.items[0];
      expect(listedFile.digitisedAt).toMatch(/\+07:00$/);

      // Officers see the store through a dossier they handle, not otherwise.
      const seen = (await api().get(`/api/v1/dossiers/${first.code}/stored-documents`).set('authorization', as.specialist).expect(200)).body.items;
      expect(seen.map((d: { id: string }) => d.id)).toEqual([entry.id]);
      await api().get(`/api/v1/dossiers/${first.code}/stored-documents`).set('authorization', as.outsider).expect(404);

      // The next dossier of the same applicant takes it from the store instead of a new copy.
      const wrongType = await api().post('/api/v1/dossiers').set('authorization', as.reception).send(counterDossier('1.008001', { applicant: { ...APPLICANT, idNumber: '035090007777' }, documents: [{ requirement: 1, storedDocumentId: entry.id }, { requirement: 2 }] })).expect(422);
      expect(wrongType.body).toMatchObject({ code: 'stored-document-mismatch', errors: [{ field: 'documents[0].storedDocumentId' }] });
      const notTheirs = await api().post('/api/v1/dossiers').set('authorization', as.reception).send(counterDossier('1.008001', { documents: [{ requirement: 1 }, { requirement: 2, storedDocumentId: entry.id }] })).expect(422);
      expect(notTheirs.body).toMatchObject({ code: 'stored-document-not-found', errors: [{ field: 'documents[1].storedDocumentId' }] });
      const second = await receiveDossier(stack, as.reception, counterDossier('1.008001', { applicant: { ...APPLICANT, idNumber: '035090007777' }, documents: [{ requirement: 1 }, { requirement: 2, storedDocumentId: entry.id }] }));
      const [reused] = (await api().get(`/api/v1/dossiers/${second.code}/documents`).query({ secret: second.lookupSecret }).expect(200)).body.items;
      expect(reused).toMatchObject({ requirement: 2, requirementName: 'Giấy khám sức khỏe', reusedFrom: entry.id, sha256: uploaded.sha256 });
      const bytes = (await api().get(`/api/v1/dossiers/${second.code}/documents/${reused.id}`).query({ secret: second.lookupSecret }).buffer(true).parse(binary).expect(200)).body as Buffer;
      expect(bytes.equals(scan)).toBe(true);
      const dossier = (await api().get(`/api/v1/dossiers/${second.code}`).set('authorization', as.reception).expect(200)).body;
      expect(dossier.documents.find((d: { requirement: number }) => d.requirement === 2).fileIds).toEqual([reused.id]);
      // One stored file for those bytes, however many dossiers use them.
      const stored = await queryDatabase<{ n: number }>(stack.databaseUrl, 'SELECT count(*)::int AS n FROM intake.stored_files WHERE sha256 = $1', [uploaded.sha256]);
      expect(stored[0].n).toBe(1);
      // Counted for the 766 index: digitised once, reused once, per agency and in the index.
      const month = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 7);
      const digitisation = await eventually(async () => {
        const report = (await api().get('/api/v1/reports/digitisation').query({ period: month, groupBy: 'receivingAgency' }).set('authorization', stack.adminAuth).expect(200)).body;
        return report.total.documentsReused >= 1 ? report : undefined;
      }, 10000, 'reporting to count the store\'s documents');
      expect(digitisation.rows.find((r: { key: string }) => r.key === SERVICE_CENTRE)).toMatchObject({ documentsDigitised: 1, documentsReused: 1 });
      const index = (await api().get('/api/v1/reports/service-index').query({ period: month }).set('authorization', stack.adminAuth).expect(200)).body;
      const documents = index.components.find((c: { key: string }) => c.key === 'digitisation.documents');
      expect(documents.measure.numerator).toBe(2);
      expect(documents.points).not.toBeNull();
    });

    it('gives the citizen their results and nobody else\'s, shows a revocation, and lets them remove an entry', async () => {
      const online = await receiveDossier(stack, as.citizen, counterDossier('1.008001', { channel: 'online', resultDelivery: { method: 'online' } }), as.reception);
      await act(as.reception, online.code, { action: 'accept' }).expect(200);
      await act(as.reception, online.code, { action: 'forward' }).expect(200);
      await act(as.specialist, online.code, { action: 'appraise', opinion: 'Đạt' }).expect(200);
      await act(as.leader, online.code, { action: 'approve' }).expect(200);
      const issued = (await issueWithFile(online.code, await licencePdf()).expect(201)).body;
      const mine = await eventually(async () => {
        const items = (await api().get('/api/v1/stored-documents').set('authorization', as.citizen).expect(200)).body.items as Array<{ id: string; kind: string; verificationCode: string | null; sha256: string }>;
        return items.find((d) => d.verificationCode === issued.verificationCode);
      }, 10000, 'the result to reach the citizen\'s store');
      expect(mine).toMatchObject({ kind: 'result', dossierCode: online.code, documentType: 'Giấy phép lái xe hạng B2', revokedAt: null });
      const file = (await api().get(`/api/v1/stored-documents/${mine.id}`).set('authorization', as.citizen).buffer(true).parse(binary).expect(200)).body as Buffer;
      expect((await pdfsig(file)).valid).toBe(true);
      // The account downloads the dossier's result too.
      await download(online.code, {}, as.citizen).expect(200);

      // Another applicant reads neither the store nor the result.
      expect((await api().get('/api/v1/stored-documents').set('authorization', as.otherCitizen).expect(200)).body.items).toEqual([]);
      await api().get(`/api/v1/stored-documents/${mine.id}`).set('authorization', as.otherCitizen).expect(404);
      await api().delete(`/api/v1/stored-documents/${mine.id}`).set('authorization', as.otherCitizen).expect(404);
      await download(online.code, {}, as.otherCitizen).expect(404);
      await api().get(`/api/v1/dossiers/${online.code}/stored-documents`).set('authorization', as.citizen).expect(403);

      await api().post(`/api/v1/cases/${online.code}/results/${issued.id}/revocation`).set('authorization', as.leader).send({ reason: 'Cấp nhầm' }).expect(200);
      await eventually(async () => {
        const items = (await api().get('/api/v1/stored-documents').set('authorization', as.citizen).expect(200)).body.items as Array<{ id: string; revokedAt: string | null }>;
        return items.find((d) => d.id === mine.id)?.revokedAt ?? undefined;
      }, 10000, 'the revocation to reach the store');
      const storeCopies = () => queryDatabase<{ n: number }>(stack.databaseUrl, 'SELECT count(*)::int AS n FROM intake.stored_files WHERE sha256 = $1', [mine.sha256]);
      expect(await storeCopies()).toEqual([{ n: 1 }]);
      await api().delete(`/api/v1/stored-documents/${mine.id}`).set('authorization', as.citizen).expect(204);
      const left = (await api().get('/api/v1/stored-documents').set('authorization', as.citizen).expect(200)).body.items as Array<{ id: string }>;
      expect(left.map((d) => d.id)).not.toContain(mine.id);
      // Nothing else used the store's copy of the bytes: it goes with the entry.
      expect(await storeCopies()).toEqual([{ n: 0 }]);
      // Still verifiable, as revoked: the store is the applicant's copy, not the record.
      expect((await api().get('/api/v1/results/verify').query({ code: issued.verificationCode }).expect(200)).body.status).toBe('revoked');
    });
  });
});
