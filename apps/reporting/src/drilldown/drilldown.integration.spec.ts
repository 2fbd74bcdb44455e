import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addDays, finishClass, toLocalIsoDate } from '@onestop/domain';
import { readPdfPages, type TestService } from '@onestop/platform/testing';
import { randomSource, stateAt } from '../../../../libs/domain/src/reporting/random-dossiers.js';
import { randomUUID } from 'node:crypto';
import { AGENCIES, deliverShuffled, type Generated, generateDossiers, PROCEDURES, startReporting } from '../testing/generated-dossiers.js';

/**
 * Every figure opens onto the dossiers behind it: over generated dossiers (events delivered
 * shuffled, some twice), random cells of every report (06a, the indicators, the service index),
 * for random periods, scopes and groupings, are followed to their list, paged with random page
 * sizes: the list holds as many dossiers as the figure, each once.
 */
type Json = Record<string, any>;

/** Each report's figures, by the column its link names. */
const BALANCE_FIGURES: Record<string, (f: Json) => number> = {
  handled: (f) => f.received.total,
  carriedOver: (f) => f.received.carriedOver,
  received: (f) => f.received.newlyReceived.total,
  receivedOnline: (f) => f.received.newlyReceived.online,
  receivedCounter: (f) => f.received.newlyReceived.counter,
  receivedPost: (f) => f.received.newlyReceived.post,
  finished: (f) => f.finished.total,
  finishedEarly: (f) => f.finished.early,
  finishedOnTime: (f) => f.finished.onTime,
  finishedLate: (f) => f.finished.late,
  inProgress: (f) => f.inProgress.total,
  inProgressWithinTime: (f) => f.inProgress.withinTime,
  inProgressOverdue: (f) => f.inProgress.overdue,
  awaitingSupplement: (f) => f.inProgress.awaitingSupplement,
  refused: (f) => f.refused,
  stopped: (f) => f.stopped,
  withdrawn: (f) => f.withdrawn,
  supplementRequested: (f) => f.supplementRequested,
};
const INDICATOR_FIGURES: Record<string, (f: Json) => number> = {
  received: (f) => f.received,
  receivedOnline: (f) => f.channels.online,
  receivedCounter: (f) => f.channels.counter,
  receivedPost: (f) => f.channels.post,
  onTheSpotEligible: (f) => f.onTheSpot.eligibleReceived,
  handledOnTheSpot: (f) => f.onTheSpot.handled,
  resultsIssued: (f) => f.results.issued,
  resultsElectronic: (f) => f.results.electronic.numerator,
  resultsByPost: (f) => f.post.resultsByPost.numerator,
  resultsSentByPost: (f) => f.post.resultsSent,
  resultsDeliveredByPost: (f) => f.post.resultsDelivered,
  resultsReturnedToAgencyByPost: (f) => f.post.resultsReturnedToAgency,
  ratings: (f) => f.satisfaction.ratings,
  ratingsSatisfied: (f) => f.satisfaction.satisfied.numerator,
};
const INDEX_FIGURES: Record<string, (c: Json) => number> = {
  numerator: (c) => c.measure.numerator,
  denominator: (c) => c.measure.denominator,
  overdueNumerator: (c) => c.parts.overdue.numerator,
  overdueDenominator: (c) => c.parts.overdue.denominator,
  complainedDenominator: (c) => c.parts.complained.denominator,
};

interface Cell {
  what: string;
  figure: number;
  link: string;
}

const midnight = (day: string) => Date.parse(`${day}T00:00:00+07:00`);
const CLOSING = ['processed', 'returned', 'refused', 'stopped', 'withdrawn'];

describe('the dossiers behind each figure of the reports', () => {
  let service: TestService;
  let adminToken: string;
  const random = randomSource(20261204);
  const dossiers: Generated[] = [];

  const get = async (path: string, status = 200) => {
    const response = await fetch(`${service.url}${path.startsWith('/api/v1') ? path : `/api/v1/reports/${path}`}`, { headers: { authorization: `Bearer ${adminToken}` } });
    const body = (await response.json()) as Json;
    expect({ path, status: response.status }).toEqual({ path, status });
    return body;
  };

  /** Every dossier of a list, page after page. */
  const listAll = async (link: string, limit: number): Promise<Json[]> => {
    const items: Json[] = [];
    let cursor: string | null = null;
    do {
      const page = await get(`${link}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return items;
  };

  beforeAll(async () => {
    let serviceToken: string;
    ({ service, adminToken, serviceToken } = await startReporting('2026-06-01T10:00:00+07:00'));
    dossiers.push(...generateDossiers(random, 240, '2024-12-01T00:00:00+07:00', 400));
    await deliverShuffled(random, dossiers, service.url, serviceToken);
    // Reporting's copy of the catalog: the dossiers' four procedures and eight more, of every online level and mode.
    const codes = [...PROCEDURES.map((p) => p.code), ...Array.from({ length: 8 }, (_, i) => `1.0091${String(i).padStart(2, '0')}`)];
    for (const [i, code] of codes.entries()) {
      const onlineLevel = 1 + (i % 4);
      const payload = {
        code,
        versionNo: 1,
        name: `Thủ tục ${code}`,
        fieldCode: PROCEDURES.find((p) => p.code === code)?.field ?? 'TP-HT',
        levelCode: 'province',
        competentAgencyCode: AGENCIES[i % AGENCIES.length],
        receivingAgencyCodes: [AGENCIES[i % AGENCIES.length]],
        onlineLevel,
        onlineMode: onlineLevel === 4 ? 'full' : onlineLevel === 3 ? 'partial' : 'none',
        processingMinutes: 4800,
        onTheSpotEligible: i % 3 === 0,
        acceptsDossierByPost: true,
        deliversResultByPost: true,
        onlineOnlyListed: false,
        integratedNationalPortal: i % 2 === 0,
        decision: { number: `${i + 1}/QĐ-UBND`, date: '2024-06-01', effectiveFrom: '2024-07-01' },
      };
      const event = { id: randomUUID(), type: 'ProcedurePublished', version: 1, source: 'catalog', occurredAt: new Date().toISOString(), payload };
      const response = await fetch(`${service.url}/internal/events`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-service-token': serviceToken }, body: JSON.stringify(event) });
      expect({ code, status: response.status }).toEqual({ code, status: 200 });
    }
  }, 120000);

  afterAll(async () => {
    await service?.close();
  });

  /** A random period (a year, quarter, month or range of days) and maybe a scope. */
  const randomQuery = () => {
    const kind = random.int(0, 3);
    let period: string;
    if (kind === 0) period = 'period=2025';
    else if (kind === 1) period = `period=2025-Q${random.int(1, 4)}`;
    else if (kind === 2) period = `period=2025-${String(random.int(1, 12)).padStart(2, '0')}`;
    else {
      const from = addDays('2024-12-01', random.int(0, 420));
      period = `from=${from}&to=${addDays(from, random.int(0, 150))}`;
    }
    const scope = random.chance(0.3) ? `&agency=${random.pick(AGENCIES)}` : random.chance(0.2) ? '&field=TP-HT' : '';
    return `${period}${scope}`;
  };

  it('lists exactly as many dossiers as each figure counts, for random cells of every report', async () => {
    let cellsChecked = 0;
    let dossiersListed = 0;
    for (let round = 0; round < 18; round++) {
      const query = randomQuery();
      const groupBy = random.pick(['', '&groupBy=agency', '&groupBy=receivingAgency', '&groupBy=procedure', '&groupBy=level']);
      const cells: Cell[] = [];
      const balance = await get(`dossier-balance?${query}${groupBy}`);
      for (const figures of [balance.total, ...balance.rows]) {
        for (const [column, figure] of Object.entries(BALANCE_FIGURES)) cells.push({ what: `06a ${query}${groupBy} ${figures.key ?? 'total'} ${column}`, figure: figure(figures), link: figures.links[column] });
      }
      const indicators = await get(`indicators?${query}${groupBy}`);
      for (const figures of [indicators.total, ...indicators.rows]) {
        for (const [column, figure] of Object.entries(INDICATOR_FIGURES)) cells.push({ what: `indicators ${query}${groupBy} ${figures.key ?? 'total'} ${column}`, figure: figure(figures), link: figures.links[column] });
      }
      const index = await get(`service-index?${query}`);
      for (const component of index.components) {
        for (const [part, link] of Object.entries(component.links as Record<string, string>)) cells.push({ what: `766 ${query} ${component.key} ${part}`, figure: INDEX_FIGURES[part](component), link });
      }
      // Every figure has its link; a few random cells of each round are followed, the non-zero ones more often.
      for (const cell of cells) expect({ what: cell.what, link: typeof cell.link }).toEqual({ what: cell.what, link: 'string' });
      const nonZero = cells.filter((c) => c.figure > 0);
      const drawn = [...Array.from({ length: 5 }, () => random.pick(nonZero.length ? nonZero : cells)), random.pick(cells)];
      for (const cell of drawn) {
        const items = await listAll(cell.link, random.int(3, 60));
        const codes = items.map((i) => i.code);
        expect({ cell: cell.what, listed: codes.length, distinct: new Set(codes).size }).toEqual({ cell: cell.what, listed: cell.figure, distinct: cell.figure });
        // A dossier says why it is there; a procedure (the 766 index's catalog components) is there by its own attributes.
        if (cell.link.includes('/dossiers?')) for (const item of items) expect(typeof item.reason).toBe('string');
        cellsChecked++;
        dossiersListed += codes.length;
      }
    }
    expect(cellsChecked).toBe(18 * 6);
    expect(dossiersListed).toBeGreaterThan(300);
  });

  it('lists the very dossiers that finished late, are overdue or wait for a supplement, and says since when', async () => {
    const from = '2025-04-01';
    const end = '2025-10-01';
    const inRange = (instant: string) => {
      const day = toLocalIsoDate(new Date(instant));
      return day >= from && day < end;
    };
    const late = new Set<string>();
    const overdue = new Set<string>();
    const waiting = new Set<string>();
    for (const d of dossiers) {
      const ordered = [...d.fact.statuses].sort((a, b) => a.sequence - b.sequence);
      const closing = ordered.find((s) => CLOSING.includes(s.status));
      if (closing && ['processed', 'returned'].includes(closing.status) && inRange(closing.at) && finishClass(closing.at, closing.dueAt!) === 'late') late.add(d.code);
      const atEnd = stateAt(d.fact, midnight(end));
      if (atEnd === 'overdue') overdue.add(d.code);
      if (atEnd === 'supplement') waiting.add(d.code);
    }
    const base = `/api/v1/reports/dossier-balance/dossiers?from=${from}&to=2025-09-30`;
    const lateItems = await listAll(`${base}&column=finishedLate`, 200);
    expect(new Set(lateItems.map((i) => i.code))).toEqual(late);
    for (const item of lateItems) {
      expect(Date.parse(item.finishedAt)).toBeGreaterThan(Date.parse(item.dueAt));
      expect(item.reason).toContain(`after its due date ${item.dueAt}`);
    }
    // Newest first: the instant that put them in the column (here the result) never goes up.
    const finishedTimes = lateItems.map((i) => Date.parse(i.finishedAt));
    expect(finishedTimes).toEqual([...finishedTimes].sort((a, b) => b - a));
    expect(new Set((await listAll(`${base}&column=inProgressOverdue`, 200)).map((i) => i.code))).toEqual(overdue);
    const waitingItems = await listAll(`${base}&column=awaitingSupplement`, 200);
    expect(new Set(waitingItems.map((i) => i.code))).toEqual(waiting);
    for (const item of waitingItems) {
      const d = dossiers.find((x) => x.code === item.code)!;
      const lastAsked = d.fact.statuses.filter((s) => s.status === 'supplement_requested' && Date.parse(s.at) < midnight(end)).sort((a, b) => a.sequence - b.sequence).pop()!;
      expect(Date.parse(item.awaitingSupplementSince)).toBe(Date.parse(lastAsked.at));
      expect(item.awaitingSupplementSince).toMatch(/\+07:00$/);
    }
    expect(late.size + overdue.size + waiting.size).toBeGreaterThan(5);
  });

  it('puts the same days of the previous year beside a report, and gives each 766 component\'s change', async () => {
    const withoutLinks = (figures: Json) => ({ ...figures, links: undefined });
    const december = await get('dossier-balance?period=2025-12&groupBy=agency&compare=previousYear');
    const lastDecember = await get('dossier-balance?period=2024-12&groupBy=agency');
    expect(december.previous.period).toEqual(lastDecember.period);
    expect(december.previous.rows).toEqual(lastDecember.rows);
    expect(december.previous.total).toEqual(lastDecember.total);
    expect(december.total).toEqual((await get('dossier-balance?period=2025-12')).total);
    // A period not over (today is 1 June 2026): last year up to the same day, and its lists cover those days.
    const year = await get('indicators?period=2026&compare=previousYear');
    const sameDays = await get('indicators?from=2025-01-01&to=2025-06-01');
    expect(year.previous.period).toMatchObject({ label: '2025', from: '2025-01-01', to: '2025-12-31', asOf: '2025-06-02' });
    expect(withoutLinks(year.previous.total)).toEqual(withoutLinks(sameDays.total));
    expect(year.previous.total.links.received).toBe('/api/v1/reports/indicators/dossiers?from=2025-01-01&to=2025-06-01&column=received');
    expect((await listAll(year.previous.total.links.received, 200)).length).toBe(sameDays.total.received);
    const index = await get('service-index?period=2025-Q4&compare=previousYear');
    const lastYear = await get('service-index?period=2024-Q4');
    expect(index.previous.components.map((c: Json) => c.value)).toEqual(lastYear.components.map((c: Json) => c.value));
    for (const component of index.components) {
      const before = lastYear.components.find((c: Json) => c.key === component.key);
      expect(component.change).toEqual({
        value: component.value === null || before.value === null ? null : component.value - before.value,
        points: component.points === null || before.points === null ? null : component.points - before.points,
      });
    }
    expect(index.pointsChange).toBeCloseTo(index.points - lastYear.points, 12);
    expect(index.components.some((c: Json) => c.change.value !== null && c.change.value !== 0)).toBe(true);
    const refused = await get('dossier-balance?period=2025&compare=lastWeek', 400);
    expect(refused.errors.map((e: Json) => e.field)).toEqual(['compare']);
  });

  it('sums form II.06b per level and field to the 06a, each count opening onto its dossiers, and prints it across A4', async () => {
    const query = 'period=2025-Q3';
    const form = await get(`summary-by-field?${query}`);
    const balance = await get(`dossier-balance?${query}`);
    expect(form.form).toBe('II.06b');
    expect(form.total).toEqual(balance.total);
    expect(form.levels.map((l: Json) => l.level)).toEqual(['province']);
    const [province] = form.levels;
    expect(province.name).toBe('Cấp tỉnh');
    // Every field of the generated procedures has its row, and the rows add up to the level, the level to the total.
    expect(province.fields.map((f: Json) => f.field)).toEqual(['GT-DB', 'TP-HT']);
    for (const [column, figure] of Object.entries(BALANCE_FIGURES)) {
      expect({ column, sum: province.fields.reduce((n: number, f: Json) => n + figure(f), 0) }).toEqual({ column, sum: figure(province) });
      expect({ column, level: figure(province) }).toEqual({ column, level: figure(form.total) });
    }
    for (const column of ['finished', 'inProgress', 'carriedOver', 'received']) {
      for (const field of province.fields) {
        expect(field.links[column]).toContain('level=province');
        expect((await listAll(field.links[column], 25)).length).toBe(BALANCE_FIGURES[column](field));
      }
    }
    const response = await fetch(`${service.url}/api/v1/reports/summary-by-field?${query}&format=pdf`, { headers: { authorization: `Bearer ${adminToken}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const pages = await readPdfPages(Buffer.from(await response.arrayBuffer()));
    const text = pages.map((p) => p.text).join('\n');
    expect(text).toContain('Mẫu số II.06b');
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('TP-HT');
    expect(text).toContain('Người lập biểu'.toLocaleUpperCase('vi-VN'));
    expect(pages[0].width).toBeGreaterThan(pages[0].height);
  });

  it('lists the procedures behind each figure of the online-service statistics, publicly, the usage one to report readers', async () => {
    const figures: Record<string, (r: Json) => number> = {
      inForce: (r) => r.procedures,
      level1: (r) => r.byLevel[0].procedures,
      level2: (r) => r.byLevel[1].procedures,
      level3: (r) => r.byLevel[2].procedures,
      level4: (r) => r.byLevel[3].procedures,
      online: (r) => r.shares.onlineServices.numerator,
      fullOnline: (r) => r.fullOnline,
      partialOnline: (r) => r.partialOnline,
      integrated: (r) => r.integratedNationalPortal,
      onTheSpotEligible: (r) => r.shares.onTheSpotEligible.numerator,
      onlineWithOnlineDossier: (r) => r.onlineServicesWithOnlineDossier.numerator,
    };
    for (const query of ['period=2025', `period=2025&agency=${AGENCIES[0]}`, 'period=2025-Q1&field=TP-HT']) {
      const report = await get(`online-services?${query}`);
      expect(report.procedures).toBeGreaterThan(0);
      for (const [column, figure] of Object.entries(figures)) {
        const items = await listAll(report.links[column], random.int(2, 5));
        expect({ query, column, listed: items.length }).toEqual({ query, column, listed: figure(report) });
      }
    }
    // Public like the statistics, but for the usage column (a report reader's figure).
    const anonymous = (await (await fetch(`${service.url}/api/v1/reports/online-services?period=2025`)).json()) as Json;
    expect(anonymous.links.onlineWithOnlineDossier).toBeUndefined();
    const open = await fetch(`${service.url}${anonymous.links.online}`);
    expect(open.status).toBe(200);
    expect(((await open.json()) as Json).items.length).toBe(anonymous.shares.onlineServices.numerator);
    expect((await fetch(`${service.url}/api/v1/reports/online-services/procedures?period=2025&column=onlineWithOnlineDossier`)).status).toBe(401);
    const index = await get('service-index?period=2025');
    const publicity = index.components.find((c: Json) => c.key === 'publicity.nationalPortal');
    expect((await listAll(publicity.links.numerator, 50)).length).toBe(publicity.measure.numerator);
    expect((await listAll(publicity.links.denominator, 50)).length).toBe(publicity.measure.denominator);
  });

  it('refuses an unknown column, a malformed cursor and a period in the future with a 400 naming the field', async () => {
    const unknown = await get('dossier-balance/dossiers?period=2025&column=lateish', 400);
    expect(unknown.errors.map((e: Json) => e.field)).toContain('column');
    const notOfThisReport = await get('indicators/dossiers?period=2025&column=finishedLate', 400);
    expect(notOfThisReport.errors.map((e: Json) => e.field)).toContain('column');
    const cursor = await get('dossier-balance/dossiers?period=2025&column=received&cursor=bm90LWEtY3Vyc29y', 400);
    expect(cursor.errors.map((e: Json) => e.field)).toEqual(['cursor']);
    const future = await get('dossier-balance/dossiers?period=2031&column=received', 400);
    expect(future.errors.map((e: Json) => e.field)).toEqual(['period']);
  });
});
