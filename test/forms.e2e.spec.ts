import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import request from 'supertest';
import { FixedClock } from '@onestop/platform';
import { readPdfText } from '@onestop/platform/testing';
import { type Stack, startStack } from './stack.js';
import { APPLICANT, binary, counterDossier, DEPARTMENT, MONDAY_10AM, publishBody, receiveDossier, seedCatalogBasics, SERVICE_CENTRE, signIn } from './fixtures/index.js';

const HOUR = 3600_000;

/**
 * The official forms as a person sees them, printed: names rather than codes and subjects,
 * dates in words, the agency's header, signatures where the form has them; each form of a
 * dossier for the officers handling it and for the applicant with the receipt's lookup code.
 */
describe('the official forms 01-06, printed', () => {
  let stack: Stack;
  const clock = new FixedClock(new Date(MONDAY_10AM));
  const api = () => request(stack.gatewayUrl);
  let as: Record<'reception' | 'specialist' | 'leader' | 'citizen' | 'postal' | 'outsider', string>;
  let printed = 0;

  /** The PDF's text (pdf.js, from the fonts' own Unicode maps): what a person reads on the page. */
  const pdfText = async (path: string, auth?: string, query: Record<string, string> = {}) => {
    const call = api().get(path).query(query).set('accept', 'application/pdf').buffer(true).parse(binary);
    const response = await (auth ? call.set('authorization', auth) : call).expect(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    // FORM_PDF_DIR=/tmp/forms keeps what was served, to look at it (pdftoppm -png …).
    if (process.env.FORM_PDF_DIR) {
      await mkdir(process.env.FORM_PDF_DIR, { recursive: true });
      await writeFile(join(process.env.FORM_PDF_DIR, `e2e-${++printed}-${path.split('/').slice(-2).join('-')}.pdf`), response.body as Buffer);
    }
    return readPdfText(response.body as Buffer);
  };
  const receive = (procedureCode: string, auth = as.reception, overrides: Record<string, unknown> = {}) => receiveDossier(stack, auth, counterDossier(procedureCode, overrides), as.reception);
  const act = (auth: string, code: string, body: object) => api().post(`/api/v1/cases/${code}/actions`).set('authorization', auth).send(body).expect(200);
  const form = (code: string, number: string) => `/api/v1/dossiers/${code}/forms/${number}`;

  beforeAll(async () => {
    stack = await startStack({}, { clock });
    await seedCatalogBasics(stack);
    const publish = (body: object) => api().post('/api/v1/procedures').set('authorization', stack.adminAuth).send(body).expect(201);
    await publish(publishBody('1.009001'));
    await publish(publishBody('1.009002', { name: 'Cấp bản sao giấy phép', fees: [], processingTime: { value: 4, unit: 'working_hours' } }));
    as = await signIn(stack, {
      reception: { subject: 'demo:reception.ttphc', roles: ['reception'], agencyCodes: [SERVICE_CENTRE], name: 'Lê Văn Cường' },
      specialist: { subject: 'demo:specialist.gtvt', roles: ['specialist'], agencyCodes: [DEPARTMENT], name: 'Trần Thị Bình' },
      leader: { subject: 'demo:leader.gtvt', roles: ['leader'], agencyCodes: [DEPARTMENT], name: 'Phạm Văn Dũng' },
      citizen: { subject: 'citizen-an', roles: ['citizen'], name: 'Nguyễn Văn An' },
      postal: { subject: 'postal.operator', roles: ['postal'] },
      outsider: { subject: 'reception.elsewhere', roles: ['reception'], agencyCodes: ['000.00.09.H56'] },
    });
  });

  afterAll(async () => {
    await stack?.close();
  });

  beforeEach(() => clock.set(MONDAY_10AM));

  it('form 01 at the counter: the officer, the channel and the fees by name, dates in words, both signatures', async () => {
    const { code, lookupSecret } = await receive('1.009001');
    const receipt = (await api().get(`/api/v1/dossiers/${code}/receipt`).set('authorization', as.reception).expect(200)).body;
    expect(receipt).toMatchObject({
      channel: 'counter',
      channelText: 'Trực tiếp tại Bộ phận Một cửa',
      receivedByName: 'Lê Văn Cường',
      fees: [{ name: 'Lệ phí cấp giấy phép lái xe', amountVnd: 135000 }],
      feesText: 'Lệ phí cấp giấy phép lái xe: 135.000 đồng',
      trackingNumber: null,
      signed: true,
    });

    const text = await pdfText(`/api/v1/dossiers/${code}/receipt`, as.reception);
    for (const seen of [
      'UBND TỈNH HÀ NAM',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Hà Nam, ngày 16 tháng 3 năm 2026',
      'Hình thức nộp hồ sơ: Trực tiếp tại Bộ phận Một cửa',
      'Phí, lệ phí: Lệ phí cấp giấy phép lái xe: 135.000 đồng',
      'Thời gian nhận hồ sơ: 10 giờ 00 phút, ngày 16 tháng 3 năm 2026',
      'Thời gian trả kết quả: 10 giờ 00 phút, ngày 30 tháng 3 năm 2026',
      'NGƯỜI NỘP HỒ SƠ',
      'NGƯỜI TIẾP NHẬN HỒ SƠ',
      'Lê Văn Cường',
      'mang theo giấy này',
    ]) {
      expect(text).toContain(seen);
    }
    expect(text).not.toContain('demo:reception.ttphc');
    expect(text).not.toContain('tháng 03');

    // `?format=` chooses as Accept does, and wins over it; other query parameters are refused.
    const asked = await api().get(`/api/v1/dossiers/${code}/receipt`).query({ format: 'pdf' }).set('authorization', as.reception).set('accept', 'application/json').buffer(true).parse(binary).expect(200);
    expect(asked.headers['content-type']).toBe('application/pdf');
    const json = await api().get(`/api/v1/dossiers/${code}/receipt`).query({ format: 'json' }).set('authorization', as.reception).set('accept', 'application/pdf').expect(200);
    expect(json.body.form).toBe('01');
    expect((await api().get(`/api/v1/dossiers/${code}/receipt`).query({ format: 'xml' }).set('authorization', as.reception).expect(400)).body.errors[0].field).toBe('format');
    expect((await api().get(`/api/v1/dossiers/${code}/receipt`).query({ print: 'yes' }).set('authorization', as.reception).expect(400)).body.code).toBe('validation-failed');

    // The applicant without an account prints the same form with the receipt's lookup code.
    const byCode = await pdfText(form(code, '01'), undefined, { secret: lookupSecret });
    expect(byCode).toContain('Lê Văn Cường');
    expect(byCode).toContain('135.000 đồng');
  });

  it('form 01 online: no signatures, nothing to bring', async () => {
    const { code } = await receive('1.009001', as.citizen, { channel: 'online', resultDelivery: { method: 'online' } });
    const receipt = (await api().get(`/api/v1/dossiers/${code}/receipt`).set('authorization', as.citizen).expect(200)).body;
    expect(receipt).toMatchObject({ channel: 'online', signed: false, trackingNumber: null });
    const text = await pdfText(`/api/v1/dossiers/${code}/receipt`, as.citizen);
    expect(text).toContain('Hình thức nộp hồ sơ: Trực tuyến qua Cổng dịch vụ công');
    expect(text).toContain('không cần ký');
    for (const absent of ['NGƯỜI NỘP HỒ SƠ', '(Ký và ghi rõ họ tên)', 'mang theo giấy này']) expect(text).not.toContain(absent);
  });

  it('form 01 by post: the envelope\'s tracking number, no signatures', async () => {
    const pickup = (
      await api()
        .post('/api/v1/shipments/pickups')
        .set('authorization', as.postal)
        .send({
          trackingNumber: 'EB000000042VN',
          collectedAt: new Date(clock.now().getTime() - 2 * HOUR).toISOString(),
          parcel: { weightGrams: 350 },
          postageVnd: 25000,
          codVnd: 0,
          dossier: { procedureCode: '1.009001', agencyCode: SERVICE_CENTRE, applicant: APPLICANT, documents: [{ requirement: 1 }, { requirement: 2 }], resultDelivery: { method: 'post', address: APPLICANT.address } },
        })
        .expect(201)
    ).body as { id: string };
    const handover = (await api().post(`/api/v1/shipments/${pickup.id}/handover`).set('authorization', as.reception).send({}).expect(200)).body as { dossierCode: string };
    const code = handover.dossierCode;
    const receipt = (await api().get(`/api/v1/dossiers/${code}/receipt`).set('authorization', as.reception).expect(200)).body;
    expect(receipt).toMatchObject({ channel: 'post', channelText: 'Qua dịch vụ bưu chính công ích', trackingNumber: 'EB000000042VN', signed: false });
    const text = await pdfText(`/api/v1/dossiers/${code}/receipt`, as.reception);
    expect(text).toContain('Số hiệu bưu gửi (mã vận đơn): EB000000042VN');
    for (const absent of ['(Ký và ghi rõ họ tên)', 'mang theo giấy này']) expect(text).not.toContain(absent);
  });

  it('form 06: units and officers by name, times in words, the agency\'s header and a cell per side to sign; the same for the applicant', async () => {
    const { code, lookupSecret } = await receive('1.009001');
    clock.set('2026-03-16T14:00:00+07:00');
    await act(as.reception, code, { action: 'forward', note: 'Chuyển Sở GTVT' });

    const sheet = (await api().get(`/api/v1/cases/${code}/control-sheet`).set('authorization', as.leader).expect(200)).body;
    expect(sheet.agency).toEqual({ code: SERVICE_CENTRE, name: 'Trung tâm Phục vụ hành chính công tỉnh', parentName: 'UBND tỉnh Hà Nam', place: 'Hà Nam' });
    expect(sheet.entries[1]).toMatchObject({ fromUnit: SERVICE_CENTRE, fromUnitName: 'Trung tâm Phục vụ hành chính công tỉnh', fromOfficer: 'demo:reception.ttphc', fromOfficerName: 'Lê Văn Cường', toUnitName: 'Sở Giao thông vận tải' });

    const officers = await pdfText(`/api/v1/cases/${code}/control-sheet`, as.leader);
    const applicants = await pdfText(form(code, '06'), undefined, { secret: lookupSecret });
    for (const text of [officers, applicants]) {
      for (const seen of [
        'UBND TỈNH HÀ NAM',
        'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
        'Độc lập - Tự do - Hạnh phúc',
        'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ',
        'Hà Nam, ngày 16 tháng 3 năm 2026',
        'Sở Giao thông vận tải',
        'Lê Văn Cường',
        'Bên giao (ký, ghi rõ họ tên)',
        'Bên nhận (ký, ghi rõ họ tên)',
      ]) {
        expect(text).toContain(seen);
      }
      expect(text).toMatch(/14 giờ 00,\s?ngày 16\s?tháng 3\s?năm 2026/);
      for (const code of [`${SERVICE_CENTRE} –`, 'demo:reception.ttphc', '2026-03-16 14:00', 'system']) expect(text).not.toContain(code);
      // Each side's name on the sheet: the officer received the dossier, then gave it on.
      expect(text.split('Lê Văn Cường').length - 1).toBe(2);
    }
    // The applicant hands the dossier over on the first row: by name on intake's print, which knows it.
    expect(applicants).toContain('Người nộp hồ sơ Nguyễn Văn An');
    const asData = (await api().get(form(code, '06')).query({ secret: lookupSecret }).expect(200)).body;
    expect(asData).toMatchObject({ form: '06', issuer: { name: 'Trung tâm Phục vụ hành chính công tỉnh' }, controlSheet: { competentAgencyName: 'Sở Giao thông vận tải' } });
    expect(asData.controlSheet.entries[0]).toMatchObject({ action: 'receive', toOfficerName: 'Lê Văn Cường' });

    // A browser link prints it too; an unknown query parameter is refused.
    const linked = await api().get(`/api/v1/cases/${code}/control-sheet`).query({ format: 'pdf' }).set('authorization', as.leader).buffer(true).parse(binary).expect(200);
    expect(linked.headers['content-type']).toBe('application/pdf');
    await api().get(`/api/v1/cases/${code}/control-sheet`).query({ print: '1' }).set('authorization', as.leader).expect(400);
  });

  it('forms 02 and 05 once issued, to the officers and with the lookup code; 404 form-not-issued before', async () => {
    const { code, lookupSecret } = await receive('1.009001');
    for (const number of ['02', '03', '04', '05']) {
      const officer = await api().get(form(code, number)).set('authorization', as.reception).expect(404);
      expect(officer.body).toMatchObject({ code: 'form-not-issued', form: number });
      expect((await api().get(form(code, number)).query({ secret: lookupSecret }).expect(404)).body.code).toBe('form-not-issued');
    }
    clock.set('2026-03-16T14:00:00+07:00');
    await act(as.reception, code, { action: 'forward' });
    clock.set('2026-03-17T10:00:00+07:00');
    await act(as.specialist, code, { action: 'request_supplement', missingDocuments: [{ name: 'Giấy khám sức khỏe', note: 'Bản chính, còn hiệu lực' }] });

    const supplement = (await api().get(form(code, '02')).set('authorization', as.specialist).expect(200)).body;
    expect(supplement).toMatchObject({ form: '02', issuer: { code: DEPARTMENT, name: 'Sở Giao thông vận tải', parentName: 'UBND tỉnh Hà Nam' }, supplementRequest: { sequence: 1, of: 1, requestedByName: 'Trần Thị Bình' } });
    for (const text of [await pdfText(form(code, '02'), as.specialist), await pdfText(form(code, '02'), undefined, { secret: lookupSecret })]) {
      for (const seen of ['Mẫu số 02', 'SỞ GIAO THÔNG VẬN TẢI', 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ', 'Hà Nam, ngày 17 tháng 3 năm 2026', 'Hồ sơ của: Nguyễn Văn An', 'Giấy khám sức khỏe', 'NGƯỜI HƯỚNG DẪN', 'Trần Thị Bình']) {
        expect(text).toContain(seen);
      }
      expect(text).not.toContain('demo:specialist.gtvt');
    }
    expect((await api().get(form(code, '02')).query({ secret: lookupSecret, sequence: '2' }).expect(404)).body.code).toBe('form-not-issued');

    clock.set('2026-03-18T09:00:00+07:00');
    await act(as.leader, code, { action: 'stop', reason: 'Có văn bản đề nghị dừng của cơ quan công an' });
    const stop = await pdfText(form(code, '05'), undefined, { secret: lookupSecret, format: 'pdf' });
    for (const seen of ['Mẫu số 05', 'THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ', 'Kính gửi: Nguyễn Văn An', 'kể từ 09 giờ 00 phút, ngày 18 tháng 3 năm 2026', 'Có văn bản đề nghị dừng của cơ quan công an', 'Phạm Văn Dũng']) {
      expect(stop).toContain(seen);
    }
    expect((await api().get(form(code, '05')).set('authorization', as.leader).expect(200)).body.stop).toMatchObject({ byName: 'Phạm Văn Dũng', reason: 'Có văn bản đề nghị dừng của cơ quan công an' });
  });

  it('forms 03 and 04: the refusal and the apology with its dates in words', async () => {
    const refused = await receive('1.009001');
    await act(as.reception, refused.code, { action: 'refuse', reason: 'Hồ sơ không thuộc thẩm quyền giải quyết' });
    const refusal = await pdfText(form(refused.code, '03'), undefined, { secret: refused.lookupSecret });
    for (const seen of ['Mẫu số 03', 'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ', 'Trung tâm Phục vụ hành chính công tỉnh thông báo không tiếp nhận', 'Hồ sơ không thuộc thẩm quyền giải quyết', 'Lê Văn Cường']) {
      expect(refusal).toContain(seen);
    }

    // Four working hours from 10:00: due at 16:00, so at risk by 13:45, and the desk apologises.
    const late = await receive('1.009002');
    clock.set('2026-03-16T13:45:00+07:00');
    await act(as.reception, late.code, { action: 'apologise', reason: 'Chờ xác minh thông tin', newAppointmentAt: '2026-03-17T16:00:00+07:00' });
    const apology = (await api().get(form(late.code, '04')).query({ secret: late.lookupSecret }).expect(200)).body;
    expect(apology).toMatchObject({
      form: '04',
      apology: { issuedByName: 'Lê Văn Cường', reason: 'Chờ xác minh thông tin', previousAppointmentAt: '2026-03-16T16:00:00+07:00', newAppointmentAt: '2026-03-17T16:00:00+07:00' },
    });
    const text = await pdfText(form(late.code, '04'), as.reception);
    for (const seen of [
      'Mẫu số 04',
      'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ',
      'Kính gửi: Nguyễn Văn An',
      'Thời gian hẹn trả kết quả giải quyết hồ sơ: 16 giờ 00 phút, ngày 16 tháng 3 năm 2026',
      'vào 16 giờ 00 phút, ngày 17 tháng 3 năm 2026',
      'Chờ xác minh thông tin',
      'THỦ TRƯỞNG CƠ QUAN',
      'Lê Văn Cường',
    ]) {
      expect(text).toContain(seen);
    }
  });

  it('answers a wrong lookup code, a stranger and an unknown form as the other dossier reads do', async () => {
    const { code, lookupSecret } = await receive('1.009001');
    expect((await api().get(form(code, '01')).query({ secret: 'AAAAAAAAAAAA' }).expect(404)).body.code).toBe('dossier-not-found');
    expect((await api().get(form('000.00.01.H56-260316-9999', '01')).query({ secret: lookupSecret }).expect(404)).body.code).toBe('dossier-not-found');
    expect((await api().get(form(code, '01')).expect(401)).body.code).toBe('authentication-required');
    expect((await api().get(form(code, '01')).set('authorization', as.outsider).expect(404)).body.code).toBe('dossier-not-found');
    expect((await api().get(form(code, '01')).set('authorization', as.postal).expect(403)).body.code).toBe('forbidden');
    expect((await api().get(form(code, '07')).set('authorization', as.reception).expect(400)).body.errors[0].field).toBe('form');
    expect((await api().get(form(code, '01')).query({ secret: lookupSecret, sequence: '1' }).expect(400)).body.errors[0].field).toBe('sequence');
    expect((await api().get(form(code, '01')).query({ secret: lookupSecret, colour: 'red' }).expect(400)).body.code).toBe('validation-failed');
    expect((await api().get(form(code, '01')).query({ secret: lookupSecret }).expect(200)).body).toMatchObject({ form: '01', receipt: { dossierCode: code, signed: true } });
  });
});
