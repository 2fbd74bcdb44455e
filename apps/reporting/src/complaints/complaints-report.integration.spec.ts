import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { toLocalIsoDate } from '@onestop/domain';
import type { TestService } from '@onestop/platform/testing';
import { randomSource } from '../../../../libs/domain/src/reporting/random-dossiers.js';
import { AGENCIES, deliverEvent, startCalendarCatalog, startReporting } from '../testing/generated-dossiers.js';

type Json = Record<string, any>;
const HOUR = 3_600_000;

interface Complaint {
  id: string;
  agency: string;
  filedAt: string;
  answeredAt: string | null;
  /** Answered within two days (always within ten working days) or after forty (never). */
  answer: 'quick' | 'late' | 'none';
}

/**
 * The report on complaints and petitions about procedures, over generated complaints filed
 * with three agencies through 2025, a third answered within two days, a third after more than
 * forty days, a third never: with catalog's real working-time calendar, quick answers are in
 * time and the others late whatever the holidays, and the counts agree with the indicators'.
 */
describe('the report on complaints and petitions', () => {
  let catalog: TestService;
  let service: TestService;
  let adminToken: string;
  const random = randomSource(20261205);
  const complaints: Complaint[] = [];

  const get = async (path: string, status = 200) => {
    const response = await fetch(`${service.url}/api/v1/reports/${path}`, { headers: { authorization: `Bearer ${adminToken}` } });
    expect({ path, status: response.status }).toEqual({ path, status });
    return (await response.json()) as Json;
  };

  beforeAll(async () => {
    catalog = await startCalendarCatalog();
    let serviceToken: string;
    ({ service, adminToken, serviceToken } = await startReporting('2026-06-01T10:00:00+07:00', catalog.url));
    const start = Date.parse('2025-01-01T08:00:00+07:00');
    for (let i = 0; i < 90; i++) {
      const filed = start + random.int(0, 360 * 24) * HOUR;
      const answer = random.pick(['quick', 'late', 'none'] as const);
      const answeredAt = answer === 'quick' ? filed + random.int(1, 48) * HOUR : answer === 'late' ? filed + random.int(41 * 24, 60 * 24) * HOUR : null;
      complaints.push({ id: randomUUID(), agency: random.pick(AGENCIES), filedAt: new Date(filed).toISOString(), answeredAt: answeredAt === null ? null : new Date(answeredAt).toISOString(), answer });
    }
    const send = (type: string, payload: object) => deliverEvent(service.url, serviceToken, { type, source: 'intake', payload });
    for (const c of complaints) {
      await send('ComplaintFiled', { complaintId: c.id, agencyCode: c.agency, dossierCode: null, filedAt: c.filedAt });
      if (c.answeredAt) await send('ComplaintAnswered', { complaintId: c.id, agencyCode: c.agency, dossierCode: null, answeredAt: c.answeredAt });
    }
  }, 120000);

  afterAll(async () => {
    await service?.close();
    await catalog?.close();
  });

  const day = (iso: string) => toLocalIsoDate(new Date(iso));
  const expected = (from: string, end: string, agency?: string) => {
    const mine = complaints.filter((c) => !agency || c.agency === agency);
    const answered = mine.filter((c) => c.answeredAt && day(c.answeredAt) >= from && day(c.answeredAt) < end);
    return {
      filed: mine.filter((c) => day(c.filedAt) >= from && day(c.filedAt) < end).length,
      answered: answered.length,
      answeredInTime: answered.filter((c) => c.answer === 'quick').length,
      answeredLate: answered.filter((c) => c.answer === 'late').length,
      unansweredAtEnd: mine.filter((c) => day(c.filedAt) < end && (!c.answeredAt || day(c.answeredAt) >= end)).length,
    };
  };

  it('counts complaints filed, answered in time or late, and unanswered at the end, per agency, as the indicators do', async () => {
    for (const [query, from, end] of [
      ['period=2025', '2025-01-01', '2026-01-01'],
      ['period=2025-Q2', '2025-04-01', '2025-07-01'],
      ['period=2025-11', '2025-11-01', '2025-12-01'],
    ]) {
      const report = await get(`complaints?${query}&groupBy=agency`);
      expect(report.answerWorkingDays).toBe(10);
      expect({ query, ...report.total, unansweredOverdue: undefined, answeredInTimeShare: undefined }).toEqual({ query, ...expected(from, end), unansweredOverdue: undefined, answeredInTimeShare: undefined });
      for (const row of report.rows) expect({ query, row: row.key, filed: row.filed, answered: row.answered, inTime: row.answeredInTime }).toEqual({ query, row: row.key, filed: expected(from, end, row.key).filed, answered: expected(from, end, row.key).answered, inTime: expected(from, end, row.key).answeredInTime });
      expect(report.total.answeredInTimeShare).toEqual({ numerator: report.total.answeredInTime, denominator: report.total.answered, ratio: report.total.answered ? report.total.answeredInTime / report.total.answered : null });
      const indicators = await get(`indicators?${query}`);
      expect({ filed: report.total.filed, answered: report.total.answered }).toEqual({ filed: indicators.total.complaints.filed, answered: indicators.total.complaints.answered });
    }
    // Unanswered at the end of 2025: every one filed before December 2025 is past ten working days by then.
    const year = await get('complaints?period=2025');
    const longUnanswered = complaints.filter((c) => day(c.filedAt) < '2025-12-01' && (!c.answeredAt || day(c.answeredAt) >= '2026-01-01')).length;
    expect(year.total.unansweredOverdue).toBeGreaterThanOrEqual(longUnanswered);
    expect(year.total.unansweredOverdue).toBeLessThanOrEqual(year.total.unansweredAtEnd);
  });

  it('exports the report without a complainant\'s details and refuses a bad grouping', async () => {
    const csv = await fetch(`${service.url}/api/v1/reports/complaints?period=2025&format=csv`, { headers: { authorization: `Bearer ${adminToken}` } });
    const text = await csv.text();
    // (fetch's text() drops the byte-order mark.)
    expect(text.split('\r\n')[0]).toBe('Phạm vi,"Phản ánh, kiến nghị tiếp nhận",Đã trả lời,Trả lời đúng hạn,Trả lời quá hạn,Chưa trả lời cuối kỳ,"Chưa trả lời, quá hạn",Tỷ lệ trả lời đúng hạn');
    expect(text.split('\r\n')[1]).toMatch(/^Tổng cộng,\d+,\d+,\d+,\d+,\d+,\d+,0\.\d+$/);
    for (const c of complaints) expect(text).not.toContain(c.id);
    const bad = await get('complaints?period=2025&groupBy=complainant', 400);
    expect(bad.errors.map((e: Json) => e.field)).toEqual(['groupBy']);
  });
});
