import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { eventually, queryDatabase } from '@onestop/platform/testing';
import { type Stack, startStack } from './stack.js';
import { applicant, publishBody, seedCatalogBasics, SERVICE_CENTRE } from './fixtures/index.js';

const portalDossier = (externalId: string, overrides: Record<string, unknown> = {}) => ({
  externalId,
  procedureCode: '1.008001',
  agencyCode: SERVICE_CENTRE,
  applicant: applicant({
    name: 'Bùi Thị Hạnh',
    idNumber: '035190004321',
    phone: '0977123456',
    address: { detail: 'Thôn 3', commune: 'Xã Liêm Phong', province: 'Hà Nam' },
  }),
  documents: [{ requirement: 1 }, { requirement: 2 }],
  resultDelivery: { method: 'online' },
  ...overrides,
});

interface FeedPage<T> {
  items: T[];
  nextCursor: string;
  hasMore: boolean;
}

describe('the national portal: API keys, change feeds, dossier push', () => {
  let stack: Stack;
  const api = () => request(stack.gatewayUrl);
  let readerKey: string;
  let writerKey: string;
  let postalKey: string;
  let reception: string;

  /** Reads a feed to its end in pages of `limit`, as a sync job does. */
  async function readToEnd<T>(path: string, key: string, limit: number, from?: string): Promise<{ items: T[]; cursor: string }> {
    const items: T[] = [];
    let cursor = from;
    for (;;) {
      const page = (await api().get(path).query({ limit, ...(cursor ? { cursor } : {}) }).set('x-api-key', key).expect(200)).body as FeedPage<T>;
      items.push(...page.items);
      cursor = page.nextCursor;
      if (!page.hasMore) return { items, cursor };
    }
  }

  /**
   * Reads on from `from` until `count` changes have come. A feed shows a change only once every
   * transaction older than it has ended (so a cursor never skips a late commit); another service's
   * write running at that moment holds it back briefly, and a sync job simply reads on later.
   */
  async function readUntil<T>(path: string, key: string, limit: number, count: number, from?: string): Promise<{ items: T[]; cursor: string }> {
    const items: T[] = [];
    let cursor = from;
    return eventually(async () => {
      const page = await readToEnd<T>(path, key, limit, cursor);
      items.push(...page.items);
      cursor = page.cursor;
      return items.length >= count ? { items, cursor } : undefined;
    }, 10_000, `${count} changes on ${path}`);
  }

  beforeAll(async () => {
    stack = await startStack();
    await seedCatalogBasics(stack);
    await api().post('/api/v1/procedures').set('authorization', stack.adminAuth).send(publishBody('1.008001')).expect(201);
    const create = async (name: string, scopes: string[]) => (await api().post('/api/v1/api-keys').set('authorization', stack.adminAuth).send({ name, scopes }).expect(201)).body.key as string;
    readerKey = await create('Cổng DVCQG - đọc', ['sync:read']);
    writerKey = await create('Cổng DVCQG - ghi', ['sync:write']);
    postalKey = await create('VNPost Hà Nam', ['postal']);
    reception = await stack.tokenFor({ subject: 'reception.centre', roles: ['reception'], agencyCodes: [SERVICE_CENTRE] });
  });

  afterAll(async () => {
    await stack?.close();
  });

  describe('API keys', () => {
    it('are shown once, stored hashed, listed without the key, and managed by admins only', async () => {
      const list = (await api().get('/api/v1/api-keys').set('authorization', stack.adminAuth).expect(200)).body.items;
      expect(list.map((k: { name: string }) => k.name)).toEqual(expect.arrayContaining(['Cổng DVCQG - đọc', 'VNPost Hà Nam']));
      expect(JSON.stringify(list)).not.toContain(readerKey);
      const stored = await queryDatabase<{ key_hash: string }>(stack.databaseUrl, 'SELECT key_hash FROM gateway.api_keys');
      expect(stored.map((r) => r.key_hash)).not.toContain(readerKey);
      await api().get('/api/v1/api-keys').set('authorization', reception).expect(403);
      const bad = await api().post('/api/v1/api-keys').set('authorization', stack.adminAuth).send({ name: 'x', scopes: ['root'] }).expect(400);
      expect(bad.body.errors[0].field).toBe('scopes');
    });

    it('open what their scopes allow, record their last use, and stop at once when revoked', async () => {
      await api().get('/api/v1/sync/dossiers').set('x-api-key', readerKey).expect(200);
      await api().get('/api/v1/sync/dossiers').set('x-api-key', postalKey).expect(403);
      const unknown = await api().get('/api/v1/sync/dossiers').set('x-api-key', 'osk_not-a-key').expect(401);
      expect(unknown.body.code).toBe('invalid-api-key');
      const used = (await api().get('/api/v1/api-keys').set('authorization', stack.adminAuth).expect(200)).body.items.find((k: { name: string }) => k.name === 'Cổng DVCQG - đọc');
      expect(used.lastUsedAt).not.toBeNull();
      const temporary = (await api().post('/api/v1/api-keys').set('authorization', stack.adminAuth).send({ name: 'tạm', scopes: ['sync:read'] }).expect(201)).body;
      await api().get('/api/v1/sync/procedures').set('x-api-key', temporary.key).expect(200);
      await api().delete(`/api/v1/api-keys/${temporary.id}`).set('authorization', stack.adminAuth).expect(204);
      await api().get('/api/v1/sync/procedures').set('x-api-key', temporary.key).expect(401);
    });
  });

  describe('the dossier push', () => {
    it('receives a portal dossier as an online dossier, never twice', async () => {
      const key = randomUUID();
      const first = await api().post('/api/v1/sync/dossiers').set('x-api-key', writerKey).set('idempotency-key', key).send(portalDossier('G22-0001')).expect(201);
      // Submitted on the portal: newly registered (1) until the one-stop desk accepts it.
      expect(first.body).toMatchObject({ channel: 'online', nationalChannelCode: 2, status: 'registered', nationalStatusCode: 1 });
      const retry = await api().post('/api/v1/sync/dossiers').set('x-api-key', writerKey).set('idempotency-key', key).send(portalDossier('G22-0001')).expect(200);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      const newKey = await api().post('/api/v1/sync/dossiers').set('x-api-key', writerKey).set('idempotency-key', randomUUID()).send(portalDossier('G22-0001')).expect(200);
      expect(newKey.body.code).toBe(first.body.code);
      const racing = await Promise.all(
        Array.from({ length: 4 }, () => api().post('/api/v1/sync/dossiers').set('x-api-key', writerKey).set('idempotency-key', randomUUID()).send(portalDossier('G22-0002'))),
      );
      expect(new Set(racing.map((r) => r.body.code)).size).toBe(1);
      const [{ n }] = await queryDatabase<{ n: number }>(stack.databaseUrl, `SELECT count(*)::int AS n FROM intake.dossiers WHERE external_id IN ('G22-0001', 'G22-0002')`);
      expect(n).toBe(2);
      const missingKey = await api().post('/api/v1/sync/dossiers').set('x-api-key', writerKey).send(portalDossier('G22-0003')).expect(400);
      expect(missingKey.body.errors[0].field).toBe('Idempotency-Key');
      await api().post('/api/v1/sync/dossiers').set('x-api-key', readerKey).set('idempotency-key', randomUUID()).send(portalDossier('G22-0004')).expect(403);
      const invalid = await api().post('/api/v1/sync/dossiers').set('x-api-key', writerKey).set('idempotency-key', randomUUID()).send(portalDossier('bad id!')).expect(400);
      expect(invalid.body.errors[0].field).toBe('externalId');
    });

    it('refuses a push that reuses a key for another portal dossier, or changes a portal dossier under its code', async () => {
      const push = (key: string, body: object) => api().post('/api/v1/sync/dossiers').set('x-api-key', writerKey).set('idempotency-key', key).send(body);
      const key = randomUUID();
      const first = await push(key, portalDossier('G22-0101')).expect(201);
      // The same key, another portal dossier: the second must not be swallowed as a replay of the first.
      const reused = await push(key, portalDossier('G22-0102')).expect(409);
      expect(reused.body.code).toBe('idempotency-key-reused');
      expect(reused.headers['idempotent-replayed']).toBeUndefined();
      await push(randomUUID(), portalDossier('G22-0102')).expect(201);

      // The same portal code with another applicant, under a fresh key: a conflict naming what differs.
      const otherApplicant = portalDossier('G22-0101', { applicant: { ...portalDossier('').applicant, name: 'Trần Văn Khác', idNumber: '035190009999' } });
      const changed = await push(randomUUID(), otherApplicant).expect(409);
      expect(changed.body).toMatchObject({ code: 'external-id-conflict', dossierCode: first.body.code });
      expect(changed.body.errors).toEqual([{ field: 'applicant', reason: expect.any(String) }]);
      const otherProcedure = await push(randomUUID(), portalDossier('G22-0101', { documents: [{ requirement: 1 }, { requirement: 2, quantity: 2 }] })).expect(409);
      expect(otherProcedure.body.errors).toEqual([{ field: 'body', reason: expect.any(String) }]);
      // The unchanged push still answers the dossier received.
      expect((await push(randomUUID(), portalDossier('G22-0101')).expect(200)).body.code).toBe(first.body.code);

      const rows = await queryDatabase<{ external_id: string; applicant_name: string }>(stack.databaseUrl, `SELECT external_id, applicant_name FROM intake.dossiers WHERE external_id IN ('G22-0101', 'G22-0102') ORDER BY external_id`);
      expect(rows).toEqual([
        { external_id: 'G22-0101', applicant_name: 'Bùi Thị Hạnh' },
        { external_id: 'G22-0102', applicant_name: 'Bùi Thị Hạnh' },
      ]);
    });
  });

  describe('change feeds', () => {
    it('return every dossier change exactly once and in order, in any page size, while changes are written', async () => {
      const { externalId: _portalCode, ...counterDossier } = portalDossier('');
      const submit = (i: number) =>
        api().post('/api/v1/dossiers').set('authorization', reception).send({ ...counterDossier, channel: 'counter', resultDelivery: { method: 'counter' }, applicant: { ...counterDossier.applicant, name: `Người nộp ${i}` } });
      // Writers and a reader at once: the reader must not skip a change committed late.
      const seen: string[] = [];
      let cursor: string | undefined;
      let written = false;
      const writing = Promise.all(Array.from({ length: 24 }, (_, i) => submit(i).expect(201))).then(() => (written = true));
      for (;;) {
        const finishedBefore = written;
        const page = (await api().get('/api/v1/sync/dossiers').query({ limit: 3, ...(cursor ? { cursor } : {}) }).set('x-api-key', readerKey).expect(200)).body as FeedPage<{ dossierCode: string; at: string }>;
        seen.push(...page.items.map((i) => `${i.dossierCode}@${i.at}`));
        cursor = page.nextCursor;
        if (finishedBefore && !page.hasMore) break;
      }
      await writing;
      // Finish, then compare with one read of the whole feed in another page size.
      const [{ n }] = await queryDatabase<{ n: number }>(stack.databaseUrl, 'SELECT count(*)::int AS n FROM intake.dossier_history');
      const rest = await readUntil<{ dossierCode: string; at: string }>('/api/v1/sync/dossiers', readerKey, 50, n - seen.length, cursor);
      seen.push(...rest.items.map((i) => `${i.dossierCode}@${i.at}`));
      const whole = await readUntil<{ dossierCode: string; at: string }>('/api/v1/sync/dossiers', readerKey, 7, n);
      expect(seen).toEqual(whole.items.map((i) => `${i.dossierCode}@${i.at}`));
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.length).toBe(n);
    });

    it('describe each change as the portal asks: status code, unit, officer title, dates', async () => {
      const all = await readToEnd<Record<string, unknown>>('/api/v1/sync/dossiers', readerKey, 100);
      const pushed = all.items.find((i) => i.externalId === 'G22-0001')!;
      expect(pushed).toMatchObject({ nationalStatusCode: 1, status: 'registered', procedureCode: '1.008001', unitCode: SERVICE_CENTRE });
      expect(pushed.startDate).toMatch(/\+07:00$/);
      expect(pushed.statutoryEndDate).toMatch(/\+07:00$/);
      expect(JSON.stringify(all.items)).not.toContain('Bùi Thị Hạnh');
      // At the end, the cursor stays usable: nothing new yet, and later changes come after it.
      const end = (await api().get('/api/v1/sync/dossiers').query({ cursor: all.cursor }).set('x-api-key', readerKey).expect(200)).body;
      expect(end).toMatchObject({ items: [], hasMore: false, nextCursor: all.cursor });
      await api().get('/api/v1/sync/dossiers').query({ cursor: 'garbage' }).set('x-api-key', readerKey).expect(400);
    });

    it('list every procedure version once, and the portal may upsert procedures', async () => {
      const before = await readToEnd<{ code: string; versionNo: number }>('/api/v1/sync/procedures', readerKey, 2);
      expect(before.items.map((v) => `${v.code}/${v.versionNo}`)).toEqual(['1.008001/1']);
      const body = { decision: { number: '12/QĐ-UBND', date: '2026-02-01', effectiveFrom: '2026-02-10' }, procedure: publishBody('1.008002').procedure };
      await api().put('/api/v1/sync/procedures/1.008002').set('x-api-key', writerKey).send(body).expect(201);
      const after = await readUntil<{ code: string; versionNo: number }>('/api/v1/sync/procedures', readerKey, 2, 1, before.cursor);
      expect(after.items.map((v) => `${v.code}/${v.versionNo}`)).toEqual(['1.008002/1']);
    });
  });
});
