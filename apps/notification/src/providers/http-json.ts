import { ProviderRefusedError, ProviderUnavailableError, providerAnswer } from './message-provider.js';

/**
 * One JSON call to a provider's HTTP API: the answer's body when 2xx; a timeout, a network
 * failure, a 5xx or a 429 is "unavailable, try again"; any other answer a refusal with what the
 * provider said.
 */
export async function callProvider(url: string, init: { headers: Record<string, string>; body: unknown; timeoutMs: number }): Promise<Record<string, unknown>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/json', ...init.headers },
      body: JSON.stringify(init.body),
      signal: AbortSignal.timeout(init.timeoutMs),
    });
  } catch (error) {
    throw new ProviderUnavailableError(providerAnswer('network', error instanceof Error ? `${error.name}: ${error.message}` : String(error)));
  }
  const text = await response.text().catch(() => '');
  if (response.status >= 500 || response.status === 429) throw new ProviderUnavailableError(providerAnswer(response.status, text));
  if (response.status < 200 || response.status >= 300) throw new ProviderRefusedError(providerAnswer(response.status, text));
  try {
    const body = JSON.parse(text) as unknown;
    if (body && typeof body === 'object' && !Array.isArray(body)) return body as Record<string, unknown>;
  } catch {
    // falls through: an answer we do not understand
  }
  throw new ProviderUnavailableError(providerAnswer(response.status, `an answer that is not a JSON object: ${text}`));
}

export function joinUrl(base: string, path: string): string {
  return new URL(path.replace(/^\//, ''), base.endsWith('/') ? base : `${base}/`).toString();
}
