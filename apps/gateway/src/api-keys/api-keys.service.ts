import { Injectable } from '@nestjs/common';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { formatLocal } from '@onestop/domain';
import { type Caller, decodeCursor, type Page, type PageQuery, ProblemException, toPage } from '@onestop/platform';
import { AccessTokenIssuer } from '../auth/access-token-issuer.js';
import type { ApiKeyView, CreateApiKeyRequest, CreatedApiKey } from './api-key.dto.js';
import { type ApiKeyRow, ApiKeysRepository } from './api-keys.repository.js';

/** Exchanged tokens are short-lived; a revoked key stops working within this time at most. */
const EXCHANGED_TOKEN_SECONDS = 120;
const KEY_PREFIX = 'osk_';

function hashOf(key: string): string {
  // Keys are 256 random bits, so a fast hash is enough: there is nothing to brute-force.
  return createHash('sha256').update(key).digest('hex');
}

function toView(row: ApiKeyRow): ApiKeyView {
  return {
    id: row.id,
    name: row.name,
    scopes: row.scopes,
    prefix: row.key_prefix,
    createdAt: formatLocal(new Date(row.created_at)),
    lastUsedAt: row.last_used_at ? formatLocal(new Date(row.last_used_at)) : null,
    revokedAt: row.revoked_at ? formatLocal(new Date(row.revoked_at)) : null,
  };
}

/**
 * API keys for machines (the national portal's sync jobs, the postal operator): created and
 * revoked by admins, stored hashed. At the door the gateway exchanges a key for a short-lived
 * bearer token, so the services behind it check one kind of credential only.
 */
@Injectable()
export class ApiKeysService {
  private readonly exchanged = new Map<string, { token: string; renewAt: number; keyId: string }>();

  constructor(
    private readonly keys: ApiKeysRepository,
    private readonly issuer: AccessTokenIssuer,
  ) {}

  async create(admin: Caller, request: CreateApiKeyRequest): Promise<CreatedApiKey> {
    const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
    const row = await this.keys.insert({ id: randomUUID(), name: request.name, scopes: request.scopes, hash: hashOf(key), prefix: key.slice(0, 8), createdBy: admin.subject });
    return { ...toView(row), key };
  }

  /** Newest first, a page at a time; the cursor names the last key shown (its time read back exactly). */
  async list(query: PageQuery): Promise<Page<ApiKeyView>> {
    const after = query.cursor ? decodeCursor(query.cursor, { id: 'uuid' }).id : undefined;
    const rows = await this.keys.page(query.limit + 1, after);
    const page = toPage(rows, query.limit, (last) => ({ id: last.id }));
    return { items: page.items.map(toView), nextCursor: page.nextCursor };
  }

  async revoke(id: string): Promise<void> {
    if (!(await this.keys.revoke(id))) throw ProblemException.notFound('api-key-not-found', `No API key ${id}.`);
    for (const [hash, entry] of this.exchanged) if (entry.keyId === id) this.exchanged.delete(hash);
  }

  /** The bearer token a valid key stands for; 401 `invalid-api-key` for an unknown or revoked one. */
  async exchange(key: string): Promise<{ token: string; subject: string }> {
    const hash = hashOf(key);
    const cached = this.exchanged.get(hash);
    if (cached && Date.now() < cached.renewAt) return { token: cached.token, subject: `api-key:${cached.keyId}` };
    const row = await this.keys.use(hash);
    if (!row || row.revoked_at) {
      this.exchanged.delete(hash);
      throw new ProblemException(401, 'invalid-api-key', 'Unauthorized', 'The API key is unknown or revoked.');
    }
    if (!this.issuer.canIssue) {
      throw ProblemException.serviceUnavailable('api-keys-unavailable', 'This gateway has no signing key (AUTH_SIGNING_KEY), so API keys cannot be used.');
    }
    const subject = `api-key:${row.id}`;
    const { accessToken } = await this.issuer.issue(
      { subject, roles: row.scopes.includes('postal') ? ['postal'] : [], agencyCodes: [], scopes: row.scopes },
      EXCHANGED_TOKEN_SECONDS,
    );
    this.exchanged.set(hash, { token: accessToken, renewAt: Date.now() + (EXCHANGED_TOKEN_SECONDS / 2) * 1000, keyId: row.id });
    return { token: accessToken, subject };
  }
}
