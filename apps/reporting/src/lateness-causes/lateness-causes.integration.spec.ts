import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { nationalStatusCode } from '@onestop/domain';
import type { TestService } from '@onestop/platform/testing';
import { AGENCIES, deliverEvent, startCalendarCatalog, startReporting } from '../testing/generated-dossiers.js';

type Json = Record<string, any>;
const [AGENCY_A, AGENCY_B] = AGENCIES;

interface Change {
  sequence: number;
  status: string;
  at: string;
  action: string;
  kind?: string;
  startedAt?: string;
  statutoryEndAt?: string;
  note?: string;
}

const local = (day: string, time: string) => `${day}T${time}:00+07:00`;

/**
 * The causes of lateness over dossiers made late in known ways, with catalog's real
 * working-time calendar: an apology with a reason, one without, a step that overran its share,
 * a dossier still open past its due date, and one on time that is not counted.
 */
describe('the causes-of-lateness report', () => {
  let catalog: TestService;
  let service: TestService;
  let adminToken: string;
  let serviceToken: string;

  const get = async (path: string, status = 200) => {
    const response = await fetch(`${service.url}${path}`, { headers: { authorization: `Bearer ${adminToken}` } });
    expect({ path, status: response.status }).toEqual({ path, status });
    return response;
  };
  const report = async (query: string, status = 200) => (await (await get(`/api/v1/reports/lateness-causes?${query}`, status)).json()) as Json;
  const send = (type: string, source: string, version: number, payload: object) => deliverEvent(service.url, serviceToken, { type, source, version, payload });
  const dossier = async (code: string, agency: string, receivedAt: string, dueAt: string, changes: Change[]) => {
    await send('DossierReceived', 'intake', 1, {
      dossierCode: code,
      procedureCode: '1.009001',
      procedureVersionNo: 1,
      procedureName: 'Thủ tục 1.009001',
      fieldCode: 'GT-DB',
      levelCode: 'province',
      receivingAgencyCode: '000.00.01.H56',
      competentAgencyCode: agency,
      channel: 'online',
      receivedAt,
      countingFrom: receivedAt,
      appointmentAt: dueAt,
      processingMinutes: 2400,
      steps: [],
      resultDelivery: 'counter',
      onTheSpot: false,
      feesPaidOnline: false,
      receivedBy: 'officer',
    });
    for (const c of changes) {
      await send('DossierStatusChanged', 'workflow', 2, {
        dossierCode: code,
        status: c.status,
        nationalStatusCode: nationalStatusCode(c.status as never),
        at: c.at,
        content: c.action,
        appointmentAt: dueAt,
        dueAt,
        sequence: c.sequence,
        step: { action: c.action, unit: { code: agency, name: null }, officer: null, kind: c.kind ?? null, startedAt: c.startedAt ?? null, statutoryEndAt: c.statutoryEndAt ?? null, note: c.note ?? null },
        apology: null,
      });
    }
  };

  beforeAll(async () => {
    catalog = await startCalendarCatalog();
    ({ service, adminToken, serviceToken } = await startReporting('2026-06-01T10:00:00+07:00', catalog.url));

    // Finished late: its appraisal ran two days past its share, with an apology waiting on another agency; the approval overran too.
    await dossier('000.00.01.H56-250303-0001', AGENCY_A, local('2025-03-03', '08:00'), local('2025-03-07', '16:00'), [
      { sequence: 1, status: 'processing', at: local('2025-03-03', '09:00'), action: 'forward', kind: 'appraise', startedAt: local('2025-03-03', '09:00'), statutoryEndAt: local('2025-03-05', '09:00') },
      { sequence: 2, status: 'processing', at: local('2025-03-06', '09:00'), action: 'apologise', kind: 'appraise', startedAt: local('2025-03-03', '09:00'), statutoryEndAt: local('2025-03-05', '09:00'), note: 'Chờ ý kiến phối hợp của Sở Xây dựng' },
      { sequence: 3, status: 'processing', at: local('2025-03-10', '09:00'), action: 'appraise', kind: 'approve', startedAt: local('2025-03-10', '09:00'), statutoryEndAt: local('2025-03-10', '15:00') },
      { sequence: 4, status: 'returned', at: local('2025-03-11', '10:00'), action: 'mark_returned', kind: 'return', startedAt: local('2025-03-11', '10:00'), statutoryEndAt: local('2025-03-11', '16:00') },
    ]);
    // Still open at the end of 2025, past its due date, its appraisal past its share; no apology.
    await dossier('000.00.01.H56-251103-0002', AGENCY_A, local('2025-11-03', '08:00'), local('2025-11-10', '16:00'), [
      { sequence: 1, status: 'processing', at: local('2025-11-03', '09:00'), action: 'forward', kind: 'appraise', startedAt: local('2025-11-03', '09:00'), statutoryEndAt: local('2025-11-05', '09:00') },
    ]);
    // Finished late with two apologies (a reason of workload, and none), its steps' times not announced.
    await dossier('000.00.01.H56-250602-0003', AGENCY_B, local('2025-06-02', '08:00'), local('2025-06-06', '16:00'), [
      { sequence: 1, status: 'processing', at: local('2025-06-05', '09:00'), action: 'apologise', note: 'Số lượng hồ sơ nhiều, cán bộ nghỉ phép' },
      { sequence: 2, status: 'processing', at: local('2025-06-09', '09:00'), action: 'apologise' },
      { sequence: 3, status: 'returned', at: local('2025-06-12', '10:00'), action: 'mark_returned' },
    ]);
    // On time: not in the report, though an apology was issued and a step overran.
    await dossier('000.00.01.H56-250707-0004', AGENCY_B, local('2025-07-07', '08:00'), local('2025-07-18', '16:00'), [
      { sequence: 1, status: 'processing', at: local('2025-07-07', '09:00'), action: 'forward', kind: 'appraise', startedAt: local('2025-07-07', '09:00'), statutoryEndAt: local('2025-07-08', '09:00') },
      { sequence: 2, status: 'processing', at: local('2025-07-10', '09:00'), action: 'apologise', kind: 'appraise', startedAt: local('2025-07-07', '09:00'), statutoryEndAt: local('2025-07-08', '09:00'), note: 'Phải xác minh thực địa' },
      { sequence: 3, status: 'returned', at: local('2025-07-11', '10:00'), action: 'mark_returned' },
    ]);
  }, 120000);

  afterAll(async () => {
    await service?.close();
    await catalog?.close();
  });

  it('counts the late dossiers per agency, their apologies by cause and the steps that overran, each count its list\'s length', async () => {
    const year = await report('period=2025');
    expect(year.categories.at(-1)).toEqual({ key: 'other', name: 'Nguyên nhân khác', keywords: [] });
    expect(year.categories.map((c: Json) => c.key)).toEqual(['verification', 'coordination', 'documents', 'workload', 'technical', 'officer', 'other']);
    expect(year.total).toMatchObject({
      late: 3,
      finishedLate: 2,
      inProgressOverdue: 1,
      withApology: 2,
      withoutApology: 1,
      apologiesByCause: { verification: 0, coordination: 1, documents: 0, workload: 1, technical: 0, officer: 0, other: 1 },
      overrunSteps: { receive: { dossiers: 0, workingHours: 0 }, appraise: { dossiers: 2 }, approve: { dossiers: 1 }, return: { dossiers: 0, workingHours: 0 } },
      withoutOverrunStep: 1,
    });
    // The appraisal of the first ran from Wednesday 09:00 to the next Monday 09:00: three working days at least; the open one far more.
    expect(year.total.overrunSteps.appraise.workingHours).toBeGreaterThan(24 + 24);
    expect(year.total.overrunSteps.approve.workingHours).toBeGreaterThan(0);
    expect(year.rows.map((r: Json) => [r.agencyCode, r.late, r.finishedLate, r.inProgressOverdue, r.withApology])).toEqual([
      [AGENCY_A, 2, 1, 1, 1],
      [AGENCY_B, 1, 1, 0, 1],
    ]);
    // Every count behind a link is the length of the list it opens, and 06a's own figure.
    for (const figures of [year.total, ...year.rows]) {
      for (const column of ['finishedLate', 'inProgressOverdue'] as const) {
        const list = (await (await get(figures.links[column])).json()) as Json;
        expect({ link: figures.links[column], length: list.items.length }).toEqual({ link: figures.links[column], length: figures[column] });
      }
    }
    const balance = (await (await get('/api/v1/reports/dossier-balance?period=2025')).json()) as Json;
    expect([balance.total.finished.late, balance.total.inProgress.overdue]).toEqual([year.total.finishedLate, year.total.inProgressOverdue]);

    // In the first half, the open one was not yet received: two late, both finished.
    expect((await report('period=2025-H1')).total).toMatchObject({ late: 2, finishedLate: 2, inProgressOverdue: 0 });
    // An agency's scope, and last year beside this one.
    const scoped = await report(`period=2025&agency=${AGENCY_B}&compare=previousYear`);
    expect(scoped.rows.map((r: Json) => r.agencyCode)).toEqual([AGENCY_B]);
    expect(scoped.total).toMatchObject({ late: 1, apologiesByCause: { workload: 1, other: 1 }, withoutOverrunStep: 1 });
    expect(scoped.previous).toMatchObject({ period: { label: '2024' }, rows: [], total: { late: 0, withApology: 0 } });
  });

  it('exports the report as CSV and a printable PDF, and refuses bad parameters naming the field', async () => {
    const csv = await (await get('/api/v1/reports/lateness-causes?period=2025&format=csv')).text();
    const [header, ...lines] = csv.split('\r\n');
    expect(header).toMatch(/^Cơ quan giải quyết,Tổng số hồ sơ trễ hạn,Đã giải quyết quá hạn,Đang giải quyết quá hạn,Có thư xin lỗi,Chưa có thư xin lỗi,"Nguyên nhân: Phải xác minh, kiểm tra thực địa",/);
    expect(lines.find((line) => line.startsWith('Tổng cộng'))).toMatch(/^Tổng cộng,3,2,1,2,1,0,1,0,1,0,0,1,0,0,2,[\d.]+,1,[\d.]+,0,0,1$/);
    for (const code of ['250303-0001', '251103-0002']) expect(csv).not.toContain(code);

    const pdf = Buffer.from(await (await get('/api/v1/reports/lateness-causes?period=2025&format=pdf')).arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const dir = await mkdtemp(join(tmpdir(), 'lateness-'));
    await writeFile(join(dir, 'report.pdf'), pdf);
    const { stdout } = await promisify(execFile)('pdftotext', ['-layout', join(dir, 'report.pdf'), '-']);
    expect(stdout).toMatch(/hồ sơ trễ hạn và nguyên nhân/i);
    expect(stdout).toContain('Tổng cộng');

    for (const [query, field] of [
      ['period=2025&compare=lastYear', 'compare'],
      ['period=2025-13', 'period'],
      ['period=2025&agency=not-an-agency', 'agency'],
    ]) {
      const bad = await report(query, 400);
      expect({ query, fields: bad.errors.map((e: Json) => e.field) }).toEqual({ query, fields: [field] });
    }
  });
});
