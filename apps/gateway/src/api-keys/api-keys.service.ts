import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { type ApiKeyScope, formatLocal } from '@onestop/domain';
import { type Caller, decodeCursor, type Page, type PageQuery, ProblemException, toPage } from '@onestop/platform';
import { AccessTokenIssuer } from '../auth/access-token-issuer.js';
import type { ApiKeyView, CreateApiKeyRequest, CreatedApiKey } from './api-key.dto.js';

interface ApiKeyRow {
  id: string;
  name: string;
  scopes: ApiKeyScope[];
  key_prefix: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

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
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly issuer: AccessTokenIssuer,
  ) {}

  async create(admin: Caller, request: CreateApiKeyRequest): Promise<CreatedApiKey> {
    const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
    const [row] = (await this.dataSource.query(
      `INSERT INTO api_keys (id, name, scopes, key_hash, key_prefix, created_by) VALUES ($1, $2, $3, $4, $5, $6)
       RETURNING id, name, scopes, key_prefix, created_at, last_used_at, revoked_at`,
      [randomUUID(), request.name, request.scopes, hashOf(key), key.slice(0, 8), admin.subject],
    )) as ApiKeyRow[];
    return { ...toView(row), key };
  }

  /** Newest first, a page at a time; the cursor names the last key shown (its time read back exactly). */
  async list(query: PageQuery): Promise<Page<ApiKeyView>> {
    const after = query.cursor ? decodeCursor(query.cursor, { id: 'uuid' }).id : undefined;
    const rows = (await this.dataSource.query(
      `SELECT k.id, k.name, k.scopes, k.key_prefix, k.created_at, k.last_used_at, k.revoked_at FROM api_keys k
        ${after === undefined ? '' : 'WHERE (k.created_at < (SELECT created_at FROM api_keys WHERE id = $2::uuid) OR (k.created_at = (SELECT created_at FROM api_keys WHERE id = $2::uuid) AND k.id > $2::uuid))'}
        ORDER BY k.created_at DESC, k.id LIMIT $1`,
      after === undefined ? [query.limit + 1] : [query.limit + 1, after],
    )) as ApiKeyRow[];
    const page = toPage(rows, query.limit, (last) => ({ id: last.id }));
    return { items: page.items.map(toView), nextCursor: page.nextCursor };
  }

  async revoke(id: string): Promise<void> {
    const rows = (await this.dataSource.query(`WITH revoked AS (UPDATE api_keys SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 RETURNING id) SELECT id FROM revoked`, [id])) as unknown[];
    if (rows.length === 0) throw ProblemException.notFound('api-key-not-found', `No API key ${id}.`);
    for (const [hash, entry] of this.exchanged) if (entry.keyId === id) this.exchanged.delete(hash);
  }

  /** The bearer token a valid key stands for; 401 `invalid-api-key` for an unknown or revoked one. */
  async exchange(key: string): Promise<{ token: string; subject: string }> {
    const hash = hashOf(key);
    const cached = this.exchanged.get(hash);
    if (cached && Date.now() < cached.renewAt) return { token: cached.token, subject: `api-key:${cached.keyId}` };
    const [row] = (await this.dataSource.query(
      // Last use is kept to the minute: one write a minute per key, not one per request.
      `WITH used AS (
         UPDATE api_keys SET last_used_at = now()
          WHERE key_hash = $1 AND revoked_at IS NULL AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')
         RETURNING id)
       SELECT id, scopes, revoked_at FROM api_keys WHERE key_hash = $1`,
      [hash],
    )) as Array<{ id: string; scopes: ApiKeyScope[]; revoked_at: Date | null }>;
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
