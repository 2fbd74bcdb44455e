import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { eventually, type Stack, startStack } from './stack.js';
import { CENTRE_RECEPTION, counterDossier, publishBody, seedCatalogBasics, signIn } from './fixtures/index.js';

/** The simulated portal and EMC that `npm start` runs: the flow is visible locally, and the portal can be taken down. */
describe('the simulated national portal', () => {
  let stack: Stack;
  let reception: string;
  const api = () => request(stack.gatewayUrl);
  const calls = (code: string, auth = stack.adminAuth) => api().get('/api/v1/national-portal/simulated-calls').query({ dossierCode: code }).set('authorization', auth);
  const simulated = (behaviour: object) => request(stack.urlOf('portal')).put('/internal/simulated-national-portal').set('x-service-token', stack.serviceToken).send(behaviour).expect(200);

  beforeAll(async () => {
    stack = await startStack({ NATIONAL_PORTAL: 'simulated', EMC: 'simulated', NATIONAL_PORTAL_POLL_MS: '100', NATIONAL_PORTAL_MAX_BACKOFF_MS: '300' });
    await seedCatalogBasics(stack);
    await api().post('/api/v1/procedures').set('authorization', stack.adminAuth).send(publishBody('1.009101')).expect(201);
    ({ reception } = await signIn(stack, { reception: CENTRE_RECEPTION }));
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('records what it received in the portal\'s own terms, and holds the pushes while it is down', async () => {
    const { code } = (await api().post('/api/v1/dossiers').set('authorization', reception).send(counterDossier('1.009101')).expect(201)).body as { code: string };
    const services = async () => ((await calls(code).expect(200)).body.items as Array<{ service: string }>).map((c) => c.service).reverse();
    await eventually(async () => ((await services()).length === 4 ? true : undefined), 15000, 'the reception to reach the simulated portal and EMC');
    expect((await services()).filter((s) => s !== 'EMC')).toEqual(['TraCuuHoSo', 'DongBoHoSoMC', 'CapNhatTienDoHoSoMC']);
    const [push] = ((await calls(code).expect(200)).body.items as Array<{ service: string; body: { isUpdating: string; data: Array<Record<string, unknown>> }; answer: { error_code: string } }>).filter((c) => c.service === 'DongBoHoSoMC');
    expect(push.body).toMatchObject({ isUpdating: 'False', data: [{ MaHoSo: code, MaTTHC: '1.009101', KenhThucHien: '1', TrangThaiHoSo: '2' }] });
    expect(push.answer.error_code).toBe('0');
    await calls(code, reception).expect(403);

    await simulated({ available: false });
    await eventually(async () => ((await api().get(`/api/v1/cases/${code}`).set('authorization', reception)).status === 200 ? true : undefined), 10000, 'the case to open');
    await api().post(`/api/v1/cases/${code}/actions`).set('authorization', reception).send({ action: 'forward' }).expect(200);
    const waiting = await eventually(async () => {
      const view = (await api().get(`/api/v1/national-portal/dossiers/${code}`).set('authorization', stack.adminAuth).expect(200)).body;
      return view.pending === 2 && view.pushes.some((p: { lastError: string | null }) => p.lastError?.includes('down')) ? view : undefined;
    }, 10000, 'the pushes to wait for the portal');
    expect(waiting).toMatchObject({ knownToPortal: true, lastPushedStatus: 2 });
    await simulated({ available: true });
    await eventually(async () => ((await api().get(`/api/v1/national-portal/dossiers/${code}`).set('authorization', stack.adminAuth).expect(200)).body.pending === 0 ? true : undefined), 10000, 'the pushes to go');
    expect((await services()).filter((s) => s !== 'EMC')).toEqual(['TraCuuHoSo', 'DongBoHoSoMC', 'CapNhatTienDoHoSoMC', 'DongBoHoSoMC', 'CapNhatTienDoHoSoMC']);
    const summary = (await api().get('/api/v1/national-portal/pushes').set('authorization', stack.adminAuth).expect(200)).body;
    expect(summary).toMatchObject({ nationalPortal: 'simulated', emc: 'simulated', portalPushes: { pending: 0, failed: 0, sent: 4 }, dossiers: 1, synchronised: 1 });
  });
});
