import type { Stack } from '../../test/stack.js';
import { publishBody, seedCatalogBasics } from '../../test/fixtures/catalog.js';

/** The agencies, fields and levels of the cross-service tests, and one published procedure to submit dossiers for. */
export async function prepareCatalog(stack: Pick<Stack, 'gatewayUrl' | 'adminAuth'>, procedureCode: string): Promise<void> {
  await seedCatalogBasics(stack);
  const published = await fetch(`${stack.gatewayUrl}/api/v1/procedures`, {
    method: 'POST',
    headers: { authorization: stack.adminAuth, 'content-type': 'application/json' },
    body: JSON.stringify(publishBody(procedureCode)),
  });
  if (published.status !== 201) throw new Error(`publishing ${procedureCode}: HTTP ${published.status} ${await published.text()}`);
}
