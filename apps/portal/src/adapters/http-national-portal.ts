import { Logger } from '@nestjs/common';
import { type PortalAnswer, portalAnswerOf, sessionExpired, succeeded } from '../mapping/portal-mapping.js';
import { MonitoringSystem, NationalPortal, PortalUnavailableError } from './national-portal.js';

export interface HttpPortalOptions {
  authUrl: string;
  integrationUrl: string;
  username: string;
  password: string;
  dstcode: string;
  unitCode: string;
  timeoutMs: number;
}

/** POSTs JSON and reads the JSON answer; a network failure, a timeout, a 5xx or a body that is not JSON is unavailability. */
export async function postJson(url: string, body: unknown, headers: Record<string, string>, timeoutMs: number): Promise<{ status: number; body: unknown }> {
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json', ...headers }, body: JSON.stringify(body), signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    throw new PortalUnavailableError(error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : `unreachable: ${error instanceof Error ? error.message : String(error)}`);
  }
  const text = await response.text().catch(() => '');
  if (response.status >= 500) throw new PortalUnavailableError(`answered ${response.status}`);
  try {
    return { status: response.status, body: JSON.parse(text) as unknown };
  } catch {
    throw new PortalUnavailableError(`answered ${response.status} with a body that is not JSON`);
  }
}

/**
 * The portal's adapter over HTTP, as OpenCPS calls it: a session from POST {username,
 * password} (header `dstcode`), kept until the portal says it expired, then renewed once and
 * the call repeated. Bodies carry personal data: nothing of them is logged.
 */
export class HttpNationalPortal extends NationalPortal {
  readonly kind = 'http' as const;
  private readonly logger = new Logger('NationalPortal');
  /** The session in use (or being opened), shared by the calls sent at once, so they open one. */
  private session: Promise<string> | null = null;

  constructor(private readonly options: HttpPortalOptions) {
    super();
  }

  async call(service: string, fields: Record<string, unknown>): Promise<PortalAnswer> {
    const fresh = this.session === null;
    const session = this.currentSession();
    const first = await this.integrate(await session, service, fields);
    if (fresh || !first.expired) return first.answer;
    // Renewed once, by the first call to find it expired; the others sent meanwhile use the new one.
    if (this.session === session) {
      this.logger.log(`the portal's session expired; renewing it for ${service}`);
      this.session = null;
    }
    return (await this.integrate(await this.currentSession(), service, fields)).answer;
  }

  private async integrate(session: string, service: string, fields: Record<string, unknown>): Promise<{ answer: PortalAnswer; expired: boolean }> {
    const { status, body } = await postJson(this.options.integrationUrl, { session, madonvi: this.options.unitCode, service, ...fields }, {}, this.options.timeoutMs);
    const answer = portalAnswerOf(body);
    return { answer, expired: status === 401 || sessionExpired(answer) };
  }

  private currentSession(): Promise<string> {
    if (!this.session) {
      const opening = this.openSession();
      this.session = opening;
      // A refused or failed sign-in is not kept: the next call tries again.
      opening.catch(() => {
        if (this.session === opening) this.session = null;
      });
    }
    return this.session;
  }

  private async openSession(): Promise<string> {
    const { body } = await postJson(this.options.authUrl, { username: this.options.username, password: this.options.password }, { dstcode: this.options.dstcode }, this.options.timeoutMs);
    const answer = portalAnswerOf(body);
    const session = answer.body.session;
    if (!succeeded(answer) || typeof session !== 'string' || session === '') {
      // Wrong credentials are the operator's to fix; the pushes wait meanwhile rather than being parked.
      throw new PortalUnavailableError(`the portal refused a session (error_code ${answer.errorCode || 'none'}${answer.message ? `: ${answer.message}` : ''})`);
    }
    return session;
  }
}

/** EMC over HTTP: each report POSTed as JSON with the province's credential. */
export class HttpMonitoringSystem extends MonitoringSystem {
  readonly kind = 'http' as const;

  constructor(private readonly options: { url: string; apiKey: string; timeoutMs: number }) {
    super();
  }

  async report(report: Record<string, unknown>): Promise<PortalAnswer> {
    const { body } = await postJson(this.options.url, report, { authorization: `Bearer ${this.options.apiKey}` }, this.options.timeoutMs);
    return portalAnswerOf(body);
  }
}
