import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { DOSSIER_CODE_PATTERN } from '@onestop/domain';
import { FixedClock } from '@onestop/platform';
import { queryDatabase } from '@onestop/platform/testing';
import { buildPdf, onePageObjects, samplePng } from '../libs/platform/src/testing/sample-files.js';
import { eventually, type Stack, startStack } from './stack.js';
import { PushSender } from '../apps/portal/src/pushes/push-sender.service.js';
import { APPLICANT, CENTRE_RECEPTION, counterDossier, SERVICE_CENTRE, DEPARTMENT_LEADER, DEPARTMENT_SPECIALIST, MONDAY_10AM, publishBody, seedCatalogBasics, signIn } from './fixtures/index.js';

const DSTCODE = 'H56';
const UNIT = '000.00.00.H56';
const TIME = /^\d{14}$/;

interface PortalCall {
  path: string;
  service: string;
  body: Record<string, unknown>;
}

/**
 * The National Public Service Portal as a real HTTP server: it hands out sessions, checks every
 * field and format of what it is sent (problems are collected and answered as refusals), keeps the
 * dossiers it took, and can be told to be down, to hang, to expire its sessions, to say a dossier
 * already exists or to refuse pushes. EMC reports come to `/emc` on the same server.
 */
class FakePortal {
  readonly calls: PortalCall[] = [];
  readonly problems: string[] = [];
  readonly dossiers = new Set<string>();
  private readonly sessions = new Set<string>();
  private sessionCount = 0;
  mode: 'up' | 'down' | 'hang' = 'up';
  /** The next first push is answered "already exists" (the portal has it though its lookup said not). */
  existsOnNextFirstPush = false;
  refuseDossierPushes = 0;
  private server!: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  expireSessions(): void {
    this.sessions.clear();
  }

  of(code: string): PortalCall[] {
    return this.calls.filter((c) => c.body.mahoso === code || (Array.isArray(c.body.data) && (c.body.data as Array<{ MaHoSo?: string }>)[0]?.MaHoSo === code) || c.body.MaHoSo === code);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (this.mode === 'hang') return; // never answers: the connector's timeout decides
    const answer = (status: number, body: object) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (this.mode === 'down') return answer(503, { error: 'maintenance' });
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
    } catch {
      this.problems.push(`${req.url}: body is not JSON`);
      return answer(400, { error_code: '-1', message: 'JSON' });
    }
    if (req.url === '/auth') {
      this.calls.push({ path: '/auth', service: 'session', body: {} });
      if (req.headers.dstcode !== DSTCODE) this.problems.push(`session asked with dstcode ${String(req.headers.dstcode)}`);
      if (body.username !== 'hanam-onestop' || body.password !== 'portal-secret') return answer(200, { error_code: 1, message: 'Sai tài khoản' });
      const session = `S${++this.sessionCount}`;
      this.sessions.add(session);
      return answer(200, { session, error_code: 0 });
    }
    if (req.url === '/emc') {
      this.calls.push({ path: '/emc', service: 'EMC', body });
      if (req.headers.authorization !== 'Bearer emc-key-123') this.problems.push('EMC report without the credential');
      this.checkEmc(body);
      return answer(200, { error_code: '0', message: 'OK' });
    }
    if (req.url !== '/integration') return answer(404, { error_code: '-1', message: 'not found' });
    const service = String(body.service);
    if (!this.sessions.has(String(body.session))) return answer(200, { error_code: '-1', message: 'Session không hợp lệ hoặc đã hết hạn' });
    this.calls.push({ path: '/integration', service, body });
    if (body.madonvi !== UNIT) this.problems.push(`${service} with madonvi ${String(body.madonvi)}`);
    if (service === 'TraCuuHoSo') {
      const code = String(body.mahoso);
      if (!DOSSIER_CODE_PATTERN.test(code)) this.problems.push(`TraCuuHoSo of ${code}`);
      return answer(200, { error_code: '0', result: this.dossiers.has(code) ? [{ MaHoSo: code }] : [] });
    }
    const data = body.data as Array<Record<string, unknown>>;
    if (!Array.isArray(data) || data.length !== 1) {
      this.problems.push(`${service} without one item of data`);
      return answer(200, { error_code: '-1', message: 'data' });
    }
    const [item] = data;
    if (service === 'DongBoHoSoMC') {
      if (body.isUpdating !== 'True' && body.isUpdating !== 'False') this.problems.push(`isUpdating ${String(body.isUpdating)}`);
      this.checkDossier(item);
      const code = String(item.MaHoSo);
      if (this.refuseDossierPushes > 0) {
        this.refuseDossierPushes--;
        return answer(200, { error_code: '-1', message: 'Mã TTHC chưa được công bố trên Cổng' });
      }
      if (body.isUpdating === 'False' && (this.dossiers.has(code) || this.existsOnNextFirstPush)) {
        this.existsOnNextFirstPush = false;
        this.dossiers.add(code);
        return answer(200, { error_code: '-1', message: `Hồ sơ ${code} đã tồn tại` });
      }
      if (body.isUpdating === 'True' && !this.dossiers.has(code)) this.problems.push(`update of ${code}, which the portal does not have`);
      this.dossiers.add(code);
      return answer(200, { error_code: '0', message: 'Thành công' });
    }
    if (service === 'CapNhatTienDoHoSoMC') {
      this.checkProgress(item);
      if (!this.dossiers.has(String(item.MaHoSo))) this.problems.push(`progress of ${String(item.MaHoSo)} before the dossier`);
      return answer(200, { error_code: '0', message: 'Thành công' });
    }
    this.problems.push(`unknown service ${service}`);
    return answer(200, { error_code: '-1', message: 'service' });
  }

  private require(where: string, item: Record<string, unknown>, field: string, check: (v: unknown) => boolean): void {
    if (!(field in item)) this.problems.push(`${where}: ${field} missing`);
    else if (!check(item[field])) this.problems.push(`${where}: ${field} = ${JSON.stringify(item[field])}`);
  }

  private checkDossier(item: Record<string, unknown>): void {
    const w = `DongBoHoSoMC ${String(item.MaHoSo)}`;
    const text = (v: unknown) => typeof v === 'string' && v.length > 0;
    const time = (v: unknown) => typeof v === 'string' && TIME.test(v);
    const timeOrEmpty = (v: unknown) => v === '' || time(v);
    const oneOf = (...values: string[]) => (v: unknown) => values.includes(v as string);
    this.require(w, item, 'MaHoSo', (v) => typeof v === 'string' && DOSSIER_CODE_PATTERN.test(v));
    this.require(w, item, 'MaTTHC', (v) => typeof v === 'string' && /^\d\.\d{6}$/.test(v));
    for (const f of ['TenTTHC', 'MaLinhVuc', 'TenLinhVuc', 'ChuHoSo', 'SoDienThoai', 'TrichYeuHoSo', 'DonViXuLy']) this.require(w, item, f, text);
    this.require(w, item, 'KenhThucHien', oneOf('1', '2', '3'));
    this.require(w, item, 'LoaiDoiTuong', oneOf('1', '2'));
    this.require(w, item, 'MaDoiTuong', (v) => typeof v === 'string');
    this.require(w, item, 'Email', (v) => typeof v === 'string');
    this.require(w, item, 'DinhDanhCHS', (v) => Array.isArray(v) && v.every((d: { LoaiDinhDanh?: unknown; SoDinhDanh?: unknown }) => d.LoaiDinhDanh === '1' && /^\d{12}$/.test(String(d.SoDinhDanh))));
    this.require(w, item, 'NgayTiepNhan', time);
    this.require(w, item, 'NgayHenTra', time);
    this.require(w, item, 'NgayTra', timeOrEmpty);
    this.require(w, item, 'NgayKetThucXuLy', timeOrEmpty);
    this.require(w, item, 'TrangThaiHoSo', oneOf(...Array.from({ length: 10 }, (_, i) => String(i + 1))));
    this.require(w, item, 'HinhThuc', oneOf('0', '1'));
    this.require(w, item, 'DuocThanhToanTrucTuyen', oneOf('0', '1'));
    this.require(w, item, 'TaiLieuNop', Array.isArray);
    this.require(w, item, 'DanhSachLePhi', Array.isArray);
    this.require(w, item, 'DanhSachGiayToKetQua', (v) => Array.isArray(v) && v.every((r: Record<string, unknown>) => text(r.TenGiayTo) && text(r.GiayToId) && 'DuongDanTepTinKetQua' in r));
    this.require(w, item, 'DanhSachHoSoBoSung', (v) =>
      Array.isArray(v) &&
      v.every((s: Record<string, unknown>) => text(s.HoSoBoSungId) && text(s.NoiDungBoSung) && time(s.NgayBoSung) && timeOrEmpty(s.NgayTiepNhanBoSung) && oneOf('0', '1')(s.TrangThaiBoSung) && 'NgayHenTraTruoc' in s && timeOrEmpty(s.NgayHenTraMoi)),
    );
  }

  private checkProgress(item: Record<string, unknown>): void {
    const w = `CapNhatTienDoHoSoMC ${String(item.MaHoSo)}`;
    this.require(w, item, 'MaHoSo', (v) => typeof v === 'string' && DOSSIER_CODE_PATTERN.test(v));
    for (const f of ['NguoiXuLy', 'ChucDanh', 'PhongBanXuLy']) this.require(w, item, f, (v) => typeof v === 'string');
    this.require(w, item, 'NoiDungXuLy', (v) => typeof v === 'string' && v.length > 0);
    this.require(w, item, 'ThoiDiemXuLy', (v) => typeof v === 'string' && TIME.test(v));
    this.require(w, item, 'TrangThai', (v) => typeof v === 'string' && /^([1-9]|10)$/.test(v));
    this.require(w, item, 'NgayBatDau', (v) => v === '' || (typeof v === 'string' && TIME.test(v)));
    this.require(w, item, 'NgayKetThucTheoQuyDinh', (v) => v === '' || (typeof v === 'string' && TIME.test(v)));
  }

  private checkEmc(item: Record<string, unknown>): void {
    const w = `EMC ${String(item.MaHoSo)}`;
    this.require(w, item, 'CodeProfile', (v) => typeof v === 'string' && DOSSIER_CODE_PATTERN.test(v));
    this.require(w, item, 'SiteId', (v) => v === DSTCODE);
    this.require(w, item, 'CodeTTHC', (v) => typeof v === 'string' && /^\d\.\d{6}$/.test(v));
    this.require(w, item, 'NameTTHC', (v) => typeof v === 'string' && v.length > 0);
    this.require(w, item, 'Status', (v) => [0, 1, 2, 3, 4].includes(v as number));
    this.require(w, item, 'FormsReception', (v) => v === 1 || v === 2);
    this.require(w, item, 'Level', (v) => [2, 3, 4].includes(v as number));
    this.require(w, item, 'IsFromDVCQG', (v) => v === 0 || v === 1);
    this.require(w, item, 'IsDVCBC', (v) => v === 0 || v === 1);
  }
}

const paper = { kind: 'paper', documentNumber: '125/GP-SGTVT', summary: 'Giấy phép lái xe hạng B2' };
const byPost = { method: 'post', address: { detail: 'Số 5 ngõ 7 đường Lê Lợi', commune: 'Phường Lương Khánh Thiện', province: 'Hà Nam' } };

describe('national portal connector', () => {
  const portal = new FakePortal();
  const clock = new FixedClock(new Date(MONDAY_10AM));
  let stack: Stack;
  let as: Record<'reception' | 'specialist' | 'leader', string>;
  const api = () => request(stack.gatewayUrl);
  const act = (auth: string, code: string, body: object) => api().post(`/api/v1/cases/${code}/actions`).set('authorization', auth).send(body).expect(200);
  const receive = async (overrides: Record<string, unknown> = {}) => {
    const received = (await api().post('/api/v1/dossiers').set('authorization', as.reception).send(counterDossier('1.009001', overrides)).expect(201)).body as { code: string };
    await eventually(async () => ((await api().get(`/api/v1/cases/${received.code}`).set('authorization', as.reception)).status === 200 ? true : undefined), 10000, 'the case to open');
    return received.code;
  };
  const pushes = (code: string) => api().get(`/api/v1/national-portal/dossiers/${code}`).set('authorization', stack.adminAuth);
  /** Waits until nothing of the dossier is pending, and workflow has nothing left to deliver. */
  const settled = (code: string) =>
    eventually(async () => {
      const view = await pushes(code);
      return view.status === 200 && view.body.pending === 0 ? view.body : undefined;
    }, 20000, `the pushes of ${code} to settle`);
  const services = (code: string) => portal.of(code).map((c) => (c.service === 'DongBoHoSoMC' ? `DongBoHoSoMC:${String(c.body.isUpdating)}:${String((c.body.data as Array<{ TrangThaiHoSo: string }>)[0].TrangThaiHoSo)}` : c.service === 'CapNhatTienDoHoSoMC' ? `CapNhatTienDoHoSoMC:${String((c.body.data as Array<{ TrangThai: string }>)[0].TrangThai)}` : c.service === 'EMC' ? `EMC:${String(c.body.Status)}` : c.service));

  beforeAll(async () => {
    await portal.start();
    stack = await startStack(
      {
        NATIONAL_PORTAL: 'http',
        NATIONAL_PORTAL_AUTH_URL: `${portal.url}/auth`,
        NATIONAL_PORTAL_INTEGRATION_URL: `${portal.url}/integration`,
        NATIONAL_PORTAL_USERNAME: 'hanam-onestop',
        NATIONAL_PORTAL_PASSWORD: 'portal-secret',
        NATIONAL_PORTAL_DSTCODE: DSTCODE,
        NATIONAL_PORTAL_UNIT_CODE: UNIT,
        NATIONAL_PORTAL_TIMEOUT_MS: '400',
        NATIONAL_PORTAL_MAX_BACKOFF_MS: '400',
        NATIONAL_PORTAL_MAX_ATTEMPTS: '3',
        NATIONAL_PORTAL_POLL_MS: '100',
        EMC: 'http',
        EMC_URL: `${portal.url}/emc`,
        EMC_API_KEY: 'emc-key-123',
        EMC_SITE_ID: DSTCODE,
      },
      { clock },
    );
    await seedCatalogBasics(stack);
    await api().post('/api/v1/procedures').set('authorization', stack.adminAuth).send(publishBody('1.009001')).expect(201);
    as = await signIn(stack, { reception: CENTRE_RECEPTION, specialist: DEPARTMENT_SPECIALIST, leader: DEPARTMENT_LEADER });
  });

  afterAll(async () => {
    await stack?.close();
    await portal.stop();
  });

  it('pushes a dossier through reception, supplement, apology and a result by post with exactly the expected calls', async () => {
    clock.set(MONDAY_10AM);
    const code = await receive({ resultDelivery: byPost });
    clock.set('2026-03-31T09:00:00+07:00'); // past its appointment (30 March 10:00): late, so an apology is due
    await act(as.reception, code, { action: 'apologise', reason: 'Chậm do thẩm định', newAppointmentAt: '2026-04-10T16:00:00+07:00' });
    await act(as.reception, code, { action: 'forward' });
    await act(as.specialist, code, { action: 'claim' });
    await act(as.specialist, code, { action: 'request_supplement', missingDocuments: [{ name: 'Giấy khám sức khỏe', note: 'Bản chính' }] });
    await eventually(async () => ((await api().get(`/api/v1/dossiers/${code}`).set('authorization', as.reception)).body.status === 'supplement_requested' ? true : undefined), 10000, 'intake to know the request');
    await api().post(`/api/v1/dossiers/${code}/supplements`).set('authorization', as.reception).send({ documents: [{ item: 1 }], note: 'Bổ sung giấy khám sức khỏe' }).expect(200);
    await eventually(async () => ((await api().get(`/api/v1/cases/${code}`).set('authorization', as.reception)).body.dossierStatus === 'processing' ? true : undefined), 10000, 'processing to resume');
    await act(as.specialist, code, { action: 'appraise', opinion: 'Đủ điều kiện' });
    await act(as.leader, code, { action: 'approve' });
    await act(as.reception, code, { action: 'issue_result', result: paper });
    const shipment = await eventually(async () => {
      const page = (await api().get('/api/v1/shipments').query({ dossierCode: code }).set('authorization', as.reception)).body as { items: Array<{ id: string; status: string }> };
      return page.items[0]?.status === 'registered' ? page.items[0] : undefined;
    }, 15000, 'the carrier to take the result');
    await api().post(`/api/v1/shipments/${shipment.id}/simulated-moves`).set('authorization', stack.adminAuth).send({ move: 'delivered' }).expect(200);
    await eventually(async () => ((await api().get(`/api/v1/dossiers/${code}`).set('authorization', as.reception)).body.status === 'returned' ? true : undefined), 15000, 'the result to be returned');
    const view = await eventually(async () => {
      const v = await settled(code);
      return v.lastPushedStatus === 10 ? v : undefined;
    }, 20000, 'the last push');

    expect(portal.problems).toEqual([]);
    // One session, the lookup before the first push, then for each step the dossier (as an update) and its progress entry,
    // the status at that moment: accepted (2), the apology (still 2), forwarded (4), supplement requested (5, not folded),
    // resumed, appraised, approved (4), processed (9), the result paper added (9), delivered by post (10).
    const step = (status: number) => [`DongBoHoSoMC:True:${status}`, `CapNhatTienDoHoSoMC:${status}`];
    expect(services(code).filter((s) => !s.startsWith('EMC'))).toEqual([
      'TraCuuHoSo',
      'DongBoHoSoMC:False:2',
      'CapNhatTienDoHoSoMC:2',
      ...step(2),
      ...step(4),
      ...step(5),
      ...step(4),
      ...step(4),
      ...step(4),
      ...step(9),
      'DongBoHoSoMC:True:9',
      ...step(10),
    ]);
    // EMC: received (1), the apology (1), forwarded to the department (4, assigned), processing (2) until the result is returned (3).
    expect(services(code).filter((s) => s.startsWith('EMC'))).toEqual(['EMC:1', 'EMC:1', 'EMC:4', 'EMC:2', 'EMC:2', 'EMC:2', 'EMC:2', 'EMC:2', 'EMC:3']);
    expect(portal.of(code).find((c) => c.service === 'EMC')!.body).toMatchObject({ CodeProfile: code, SiteId: DSTCODE, CodeTTHC: '1.009001', Level: 4, FormsReception: 2, IsFromDVCQG: 0, IsDVCBC: 1 });
    expect(view).toMatchObject({ knownToPortal: true, lastPushedStatus: 10, failed: 0 });
    const last = portal.of(code).filter((c) => c.service === 'DongBoHoSoMC').at(-1)!.body.data as Array<Record<string, unknown>>;
    expect(last[0]).toMatchObject({
      MaHoSo: code,
      MaTTHC: '1.009001',
      TenLinhVuc: 'Đường bộ',
      KenhThucHien: '1',
      ChuHoSo: APPLICANT.name,
      LoaiDoiTuong: '1',
      DinhDanhCHS: [{ LoaiDinhDanh: '1', SoDinhDanh: APPLICANT.idNumber }],
      NgayTiepNhan: '20260316100000',
      HinhThuc: '1',
      TrangThaiHoSo: '10',
      DanhSachGiayToKetQua: [{ GiayToId: '125/GP-SGTVT' }],
      DanhSachHoSoBoSung: [{ TrangThaiBoSung: '1', NgayBoSung: '20260331090000' }],
    });
    // The apology's new date is the appointment the portal is told.
    expect(last[0].NgayHenTra).toBe('20260410160000');
  });

  it('renews an expired session once and repeats the call, and turns "already exists" into an update', async () => {
    clock.set(MONDAY_10AM);
    portal.expireSessions();
    const sessionsBefore = portal.calls.filter((c) => c.service === 'session').length;
    const code = await receive();
    await settled(code);
    expect(portal.calls.filter((c) => c.service === 'session').length).toBe(sessionsBefore + 1);
    expect(services(code).filter((s) => !s.startsWith('EMC'))).toEqual(['TraCuuHoSo', 'DongBoHoSoMC:False:2', 'CapNhatTienDoHoSoMC:2']);

    portal.existsOnNextFirstPush = true;
    const existing = await receive({ applicant: { ...APPLICANT, name: 'Trần Văn Bình' } });
    await settled(existing);
    expect(services(existing).filter((s) => !s.startsWith('EMC'))).toEqual(['TraCuuHoSo', 'DongBoHoSoMC:False:2', 'DongBoHoSoMC:True:2', 'CapNhatTienDoHoSoMC:2']);
    expect((await pushes(existing).expect(200)).body).toMatchObject({ knownToPortal: true, lastPushedStatus: 2, failed: 0 });
    expect(portal.problems).toEqual([]);
  });

  it('keeps every push while the portal is down or hangs, then delivers each once and in order', async () => {
    clock.set(MONDAY_10AM);
    portal.mode = 'down';
    const first = await receive();
    await act(as.reception, first, { action: 'forward' });
    portal.mode = 'hang';
    const second = await receive();
    await act(as.reception, second, { action: 'forward' });
    await act(as.specialist, first, { action: 'claim' });
    await act(as.specialist, first, { action: 'appraise', opinion: 'Đủ điều kiện' });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const waiting = (await pushes(first).expect(200)).body;
    expect(waiting.pending).toBeGreaterThan(0);
    expect(waiting.knownToPortal).toBe(false);
    // A restart of the connector while pushes wait loses none of them and sends none twice.
    await stack.stop('portal');
    await stack.start('portal');
    portal.mode = 'up';
    // As replicas would, several senders claim at once beside the connector's own loop: each push still goes once.
    const sender = stack.app('portal').get(PushSender);
    await Promise.all(Array.from({ length: 4 }, () => sender.sendDue()));
    await settled(first);
    await settled(second);
    expect(services(first).filter((s) => !s.startsWith('EMC'))).toEqual(['TraCuuHoSo', 'DongBoHoSoMC:False:2', 'CapNhatTienDoHoSoMC:2', 'DongBoHoSoMC:True:4', 'CapNhatTienDoHoSoMC:4', 'DongBoHoSoMC:True:4', 'CapNhatTienDoHoSoMC:4']);
    // The connector's queue keeps codes and steps, never the applicant's data.
    const [{ n }] = await queryDatabase<{ n: number }>(stack.databaseUrl, `SELECT count(*)::int AS n FROM portal.portal_pushes WHERE snapshot::text LIKE $1 OR snapshot::text LIKE $2`, [`%${APPLICANT.name}%`, `%${APPLICANT.idNumber}%`]);
    expect(n).toBe(0);
    expect(services(second).filter((s) => !s.startsWith('EMC'))).toEqual(['TraCuuHoSo', 'DongBoHoSoMC:False:2', 'CapNhatTienDoHoSoMC:2', 'DongBoHoSoMC:True:4', 'CapNhatTienDoHoSoMC:4']);
    expect(services(first).filter((s) => s.startsWith('EMC'))).toEqual(['EMC:1', 'EMC:4', 'EMC:2']);
    expect(portal.problems).toEqual([]);
  });

  it('parks a push the portal keeps refusing, with its message, holds back the later ones, and sends all after a re-push', async () => {
    clock.set(MONDAY_10AM);
    portal.refuseDossierPushes = 3;
    const code = await receive();
    await act(as.reception, code, { action: 'forward' });
    const parked = await eventually(async () => {
      const v = (await pushes(code)).body;
      return v.failed === 1 ? v : undefined;
    }, 15000, 'the push to be parked');
    expect(parked.pushes.find((p: { state: string }) => p.state === 'failed')).toMatchObject({ service: 'DongBoHoSoMC', position: 0, attempts: 3, lastError: expect.stringContaining('Mã TTHC chưa được công bố') });
    expect(parked.pending).toBe(3);
    const summary = (await api().get('/api/v1/national-portal/pushes').set('authorization', stack.adminAuth).expect(200)).body;
    expect(summary.portalPushes.failed).toBeGreaterThanOrEqual(1);
    expect(summary.failures[0]).toMatchObject({ dossierCode: code, lastError: expect.stringContaining('Mã TTHC') });
    await api().post(`/api/v1/national-portal/dossiers/${code}/re-push`).set('authorization', as.reception).expect(403);
    const repushed = (await api().post(`/api/v1/national-portal/dossiers/${code}/re-push`).set('authorization', stack.adminAuth).expect(200)).body;
    expect(repushed).toEqual({ dossiers: 1, requeued: 1 });
    const done = await settled(code);
    expect(done).toMatchObject({ failed: 0, knownToPortal: true, lastPushedStatus: 4 });
    expect(services(code).filter((s) => !s.startsWith('EMC') && s !== 'TraCuuHoSo').slice(-5)).toEqual(['DongBoHoSoMC:False:2', 'CapNhatTienDoHoSoMC:2', 'DongBoHoSoMC:True:4', 'CapNhatTienDoHoSoMC:4', 'DongBoHoSoMC:True:4']);
    const day = (await api().post('/api/v1/national-portal/re-pushes').set('authorization', stack.adminAuth).send({ date: '2026-03-16' }).expect(200)).body;
    expect(day.dossiers).toBeGreaterThanOrEqual(4);
    expect((await api().post('/api/v1/national-portal/re-pushes').set('authorization', stack.adminAuth).send({ date: '16/03/2026' }).expect(400)).body.errors[0].field).toBe('date');
  });

  it('counts the share of the period\'s dossiers the portal has taken in the 766 index\'s publicity component', async () => {
    clock.set('2026-03-31T17:00:00+07:00'); // the month read at its end, when every dossier of it has been synchronised
    const publicity = await eventually(async () => {
      const index = (await api().get('/api/v1/reports/service-index').query({ period: '2026-03' }).set('authorization', stack.adminAuth).expect(200)).body;
      const component = index.components.find((c: { key: string }) => c.key === 'publicity.nationalPortal');
      const received = new Set(portal.calls.filter((c) => c.service === 'DongBoHoSoMC').map((c) => (c.body.data as Array<{ MaHoSo: string }>)[0].MaHoSo)).size;
      if (!component?.synchronisation) throw new Error(JSON.stringify(component));
      return received > 0 && component.synchronisation.numerator === received && component.synchronisation.denominator === received ? component : undefined;
    }, 15000, 'reporting to count every dossier synchronised');
    // The procedure is integrated on the portal (1 of 1) and every dossier of March went there: full marks.
    expect(publicity).toMatchObject({ measure: { numerator: 1, denominator: 1 }, value: 1, points: publicity.maxPoints });
    // Per agency: the department decides them all; another agency received none, so the share is not measured there.
    const byAgency = async (query: Record<string, string>) =>
      ((await api().get('/api/v1/reports/service-index').query({ period: '2026-03', ...query }).set('authorization', stack.adminAuth).expect(200)).body.components as Array<{ key: string }>).find((c) => c.key === 'publicity.nationalPortal');
    expect(await byAgency({ agency: '000.17.22.H56' })).toMatchObject({ synchronisation: publicity.synchronisation });
    expect(await byAgency({ receivingAgency: '000.00.09.H56' })).not.toHaveProperty('synchronisation');
  });

  describe('dossiers the portal pushes in its format', () => {
    let key: string;
    const pdf = buildPdf(onePageObjects('Don de nghi'));
    const inbound = (MaHoSo: string, overrides: Record<string, unknown> = {}) => ({
      MaHoSo,
      MaTTHC: '1.009001',
      MaDonVi: SERVICE_CENTRE,
      ChuHoSo: 'Bùi Thị Hạnh',
      LoaiDoiTuong: '1',
      DinhDanhCHS: [{ LoaiDinhDanh: '1', SoDinhDanh: '035190004321' }],
      SoDienThoai: '0977123456',
      DiaChi: { MaTinh: '35', MaXa: '13291', DiaChiChiTiet: 'Thôn 3', TenTinh: 'Hà Nam', TenXa: 'Xã Liêm Phong' },
      TepDinhKem: [
        { TenTepDinhKem: 'Đơn đề nghị.pdf', MaThanhPhanHoSo: '1', DuLieuTepDinhKem: pdf.toString('base64') },
        { TenTepDinhKem: 'giay-kham-suc-khoe.png', MaThanhPhanHoSo: '2', DuLieuTepDinhKem: samplePng().toString('base64') },
      ],
      ...overrides,
    });
    const push = (body: object, as = key) => api().post('/api/v1/sync/national-portal/dossiers').set('x-api-key', as).send(body);

    beforeAll(async () => {
      key = (await api().post('/api/v1/api-keys').set('authorization', stack.adminAuth).send({ name: 'Cổng DVCQG - đẩy hồ sơ', scopes: ['sync:write'] }).expect(201)).body.key as string;
    });

    it('receives the portal\'s dossier once, however often it is pushed, with its files as documents', async () => {
      clock.set(MONDAY_10AM);
      const first = await push(inbound('G22.99.8-260316-0042')).expect(201);
      expect(first.body).toMatchObject({ error_code: '0', MaHoSo: 'G22.99.8-260316-0042', MaHoSoTiepNhan: expect.stringMatching(DOSSIER_CODE_PATTERN), TrangThaiHoSo: '1', SoTepDinhKem: 2 });
      const again = await push(inbound('G22.99.8-260316-0042')).expect(200);
      expect(again.body).toMatchObject({ error_code: '0', MaHoSoTiepNhan: first.body.MaHoSoTiepNhan });
      const code = first.body.MaHoSoTiepNhan as string;
      const [{ n }] = await queryDatabase<{ n: number }>(stack.databaseUrl, `SELECT count(*)::int AS n FROM intake.dossiers WHERE external_id = $1`, ['G22.99.8-260316-0042']);
      expect(n).toBe(1);
      const dossier = (await api().get(`/api/v1/dossiers/${code}`).set('authorization', as.reception).expect(200)).body;
      expect(dossier).toMatchObject({ channel: 'online', status: 'registered', applicant: { name: 'Bùi Thị Hạnh', address: { commune: 'Xã Liêm Phong', province: 'Hà Nam' } } });
      const documents = (await api().get(`/api/v1/dossiers/${code}/documents`).set('authorization', as.reception).expect(200)).body.items as Array<{ fileName: string; mediaType: string }>;
      expect(documents.map((d) => [d.fileName, d.mediaType]).sort()).toEqual([['giay-kham-suc-khoe.png', 'image/png'], ['Đơn đề nghị.pdf', 'application/pdf']]);
      // The same portal code with another applicant is refused in the portal's terms.
      const conflict = await push(inbound('G22.99.8-260316-0042', { ChuHoSo: 'Người Khác' })).expect(409);
      expect(conflict.headers['content-type']).toContain('application/problem+json');
      expect(conflict.body).toMatchObject({ code: 'external-id-conflict', error_code: '-1', message: expect.any(String), dossierCode: code });
      // And the connector tells the portal about it like any other reception.
      // And the connector tells the portal about it like any other reception, again once all its files are stored.
      await settled(code);
      const record = portal.of(code).filter((c) => c.service === 'DongBoHoSoMC').at(-1)!.body.data as Array<{ TaiLieuNop: Array<{ TenTepDinhKem: string; MaThanhPhanHoSo: string }> }>;
      expect(record[0]).toMatchObject({ KenhThucHien: '2', TrangThaiHoSo: '1' });
      expect(record[0].TaiLieuNop.map((f) => [f.MaThanhPhanHoSo, f.TenTepDinhKem])).toEqual([['1', 'Đơn đề nghị.pdf'], ['2', 'giay-kham-suc-khoe.png']]);
      expect(portal.of(code).find((c) => c.service === 'EMC')!.body).toMatchObject({ Status: 1, FormsReception: 1, IsFromDVCQG: 1, IsDVCBC: 0 });
    });

    it('refuses files that are not what they say, before receiving anything, naming the file', async () => {
      const html = Buffer.from('<html><script>alert(1)</script></html>').toString('base64');
      const notAFile = await push(inbound('G22.99.8-260316-0043', { TepDinhKem: [{ TenTepDinhKem: 'don.pdf', MaThanhPhanHoSo: '1', DuLieuTepDinhKem: html }] })).expect(415);
      expect(notAFile.body).toMatchObject({ code: 'unsupported-file-type', error_code: '-1', errors: [{ field: 'TepDinhKem[0].DuLieuTepDinhKem' }] });
      const misnamed = await push(inbound('G22.99.8-260316-0043', { TepDinhKem: [{ TenTepDinhKem: 'don.html', MaThanhPhanHoSo: '1', DuLieuTepDinhKem: pdf.toString('base64') }] })).expect(422);
      expect(misnamed.body).toMatchObject({ code: 'file-content-mismatch', errors: [{ field: 'TepDinhKem[0].TenTepDinhKem' }] });
      const truncated = await push(inbound('G22.99.8-260316-0043', { TepDinhKem: [{ TenTepDinhKem: 'don.pdf', MaThanhPhanHoSo: '1', DuLieuTepDinhKem: pdf.subarray(0, 60).toString('base64') }] })).expect(422);
      expect(truncated.body.code).toBe('file-content-mismatch');
      const notBase64 = await push(inbound('G22.99.8-260316-0043', { TepDinhKem: [{ TenTepDinhKem: 'don.pdf', DuLieuTepDinhKem: '%%%' }] })).expect(400);
      expect(notBase64.body.errors[0].field).toBe('TepDinhKem[0].DuLieuTepDinhKem');
      const badAddress = await push(inbound('G22.99.8-260316-0043', { DiaChi: { MaTinh: 'HN', MaXa: '13291', DiaChiChiTiet: 'Thôn 3' } })).expect(400);
      expect(badAddress.body.errors[0].field).toBe('DiaChi.MaTinh');
      // Intake's refusal comes back with the portal's field names: the second document is required.
      const missing = await push(inbound('G22.99.8-260316-0043', { TepDinhKem: [{ TenTepDinhKem: 'don.pdf', MaThanhPhanHoSo: '1', DuLieuTepDinhKem: pdf.toString('base64') }] }));
      expect(missing.status).toBe(422);
      expect(missing.body).toMatchObject({ error_code: '-1', message: expect.any(String) });
      const [{ n }] = await queryDatabase<{ n: number }>(stack.databaseUrl, `SELECT count(*)::int AS n FROM intake.dossiers WHERE external_id = $1`, ['G22.99.8-260316-0043']);
      expect(n).toBe(0);
      await api().post('/api/v1/sync/national-portal/dossiers').set('authorization', as.reception).send(inbound('G22.99.8-260316-0044')).expect(403);
    });
  });
});
