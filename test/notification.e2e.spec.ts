import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { eventually, type Stack, startStack } from './stack.js';
import { applicant, counterDossier, MAIN_FLOW_OFFICERS, publishBody, receiveDossier, seedCatalogBasics, signIn } from './fixtures/index.js';

/**
 * Notification in the whole system, through the gateway: intake's and workflow's events become
 * the applicant's SMS and email (to the simulated providers `npm start` runs) and the officers'
 * notices, which an officer follows live through the gateway: the proxy streams the events as
 * they come and its timeout (set shorter than the stream lives here) does not cut a stream that
 * keeps sending its keep-alive.
 */
describe('notifications through the whole system', () => {
  let stack: Stack;
  let as: Record<keyof typeof MAIN_FLOW_OFFICERS, string>;
  const api = () => request(stack.gatewayUrl);

  beforeAll(async () => {
    // The real clock runs here: without this, a run in the evening (21:00-07:00 in Vietnam) holds the SMS until morning.
    stack = await startStack({ NOTICE_STREAM_HEARTBEAT_MS: '250', PROXY_TIMEOUT_MS: '1000', QUIET_HOURS: 'off' });
    await seedCatalogBasics(stack);
    await api().post('/api/v1/procedures').set('authorization', stack.adminAuth).send(publishBody('1.007001')).expect(201);
    as = await signIn(stack, MAIN_FLOW_OFFICERS);
    // The specialist is in the officer directory once they call processing.
    await api().get('/api/v1/worklist').set('authorization', as.specialist).expect(200);
  });

  afterAll(async () => {
    await stack?.close();
  });

  const simulated = (recipient: string) => api().get(`/api/v1/simulated-messages?recipient=${encodeURIComponent(recipient)}`).set('authorization', stack.adminAuth);

  it('tells the applicant by SMS and email, and the officer live through the gateway, as the dossier moves', async () => {
    const stream = new AbortController();
    const response = await fetch(`${stack.gatewayUrl}/api/v1/notifications/stream`, { headers: { authorization: as.specialist, accept: 'text/event-stream' }, signal: stream.signal });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const reader = response.body!.getReader();
    let seen = '';
    const readUntil = async (pattern: RegExp) => {
      while (!pattern.test(seen)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`the stream ended: ${seen}`);
        seen += new TextDecoder().decode(value);
      }
    };
    try {
      await readUntil(/retry: 3000/);
      const { code, lookupSecret } = await receiveDossier(stack, as.reception, counterDossier('1.007001', { applicant: applicant({ phone: '0987654321', email: 'an.nguyen@example.vn' }) }));
      const received = await eventually(async () => {
        // Other messages may come too (a fee requested at reception): this one is found by its words.
        const items = (await simulated('0987654321')).body.items as Array<{ channel: string; body: string }> | undefined;
        return items?.find((m) => m.body.startsWith(`Ho so ${code} da duoc tiep nhan`));
      }, 15000, 'the reception SMS');
      // The appointment follows the real clock here: only its form is fixed.
      expect(received.body).toMatch(new RegExp(`^Ho so ${code.replace(/\./g, '\\.')} da duoc tiep nhan\\. Ma tra cuu: ${lookupSecret}\\. Hen tra ket qua: \\d{2}:\\d{2} \\d{2}/\\d{2}/\\d{4}\\.$`));
      const email = await eventually(async () => ((await simulated('an.nguyen@example.vn')).body.items as Array<{ subject: string; body: string }> | undefined)?.find((m) => m.subject.endsWith('đã được tiếp nhận')), 15000, 'the reception email');
      expect(email.subject).toBe(`Hồ sơ ${code} đã được tiếp nhận`);
      expect(email.body).toContain('Kính gửi Ông/Bà Nguyễn Văn An,');

      // Longer than the gateway's PROXY_TIMEOUT_MS with nothing but keep-alives on the stream.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await readUntil(/: keep-alive/);
      await api().post(`/api/v1/cases/${code}/actions`).set('authorization', as.reception).send({ action: 'forward', note: 'Chuyển Sở GTVT' }).expect(200);
      await readUntil(/event: notice\ndata: .*\n\n/);
      const notice = JSON.parse(/event: notice\ndata: (.*)\n/.exec(seen)![1]) as Record<string, string>;
      expect(notice).toMatchObject({ kind: 'case_arrived', dossierCode: code, title: `Hồ sơ ${code} chuyển đến đơn vị` });
      expect((await api().get('/api/v1/notifications/unread-count').set('authorization', as.specialist).expect(200)).body).toEqual({ unread: 1 });

      await api().post(`/api/v1/cases/${code}/actions`).set('authorization', as.specialist).send({ action: 'claim' }).expect(200);
      await api().post(`/api/v1/cases/${code}/actions`).set('authorization', as.specialist).send({ action: 'request_supplement', missingDocuments: [{ name: 'Giấy khám sức khỏe', note: 'Bản chính' }] }).expect(200);
      const supplement = await eventually(async () => ((await simulated('0987654321')).body.items as Array<{ body: string }> | undefined)?.find((m) => m.body.includes('can bo sung')), 15000, 'the supplement SMS');
      expect(supplement.body).toBe(`Ho so ${code} can bo sung: Giay kham suc khoe. Xem phieu yeu cau bo sung tai Cong dich vu cong.`);
      const messages = (await api().get(`/api/v1/notification-messages?dossierCode=${code}`).set('authorization', stack.adminAuth).expect(200)).body.items as Array<{ kind: string; channel: string; status: string }>;
      expect(messages.filter((m) => m.kind !== 'payment_requested').map((m) => `${m.kind}/${m.channel}/${m.status}`).sort()).toEqual(['dossier_received/email/sent', 'dossier_received/sms/sent', 'supplement_requested/email/sent', 'supplement_requested/sms/sent']);
    } finally {
      stream.abort();
    }
  });
});
