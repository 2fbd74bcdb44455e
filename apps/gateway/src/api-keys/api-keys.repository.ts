import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { ApiKeyScope } from '@onestop/domain';

export interface ApiKeyRow {
  id: string;
  name: string;
  scopes: ApiKeyScope[];
  key_prefix: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

/** Every statement on the machines' API keys (`api_keys`), stored hashed. */
@Injectable()
export class ApiKeysRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(key: { id: string; name: string; scopes: ApiKeyScope[]; hash: string; prefix: string; createdBy: string }): Promise<ApiKeyRow> {
    const [row] = (await this.dataSource.query(
      `INSERT INTO api_keys (id, name, scopes, key_hash, key_prefix, created_by) VALUES ($1, $2, $3, $4, $5, $6)
       RETURNING id, name, scopes, key_prefix, created_at, last_used_at, revoked_at`,
      [key.id, key.name, key.scopes, key.hash, key.prefix, key.createdBy],
    )) as ApiKeyRow[];
    return row;
  }

  /** Newest first, `limit` keys after the one named (its time read back exactly). */
  async page(limit: number, after?: string): Promise<ApiKeyRow[]> {
    return (await this.dataSource.query(
      `SELECT k.id, k.name, k.scopes, k.key_prefix, k.created_at, k.last_used_at, k.revoked_at FROM api_keys k
        ${after === undefined ? '' : 'WHERE (k.created_at < (SELECT created_at FROM api_keys WHERE id = $2::uuid) OR (k.created_at = (SELECT created_at FROM api_keys WHERE id = $2::uuid) AND k.id > $2::uuid))'}
        ORDER BY k.created_at DESC, k.id LIMIT $1`,
      after === undefined ? [limit] : [limit, after],
    )) as ApiKeyRow[];
  }

  /** False when there is no such key; revoking twice keeps the first time. */
  async revoke(id: string): Promise<boolean> {
    const rows = (await this.dataSource.query(`WITH revoked AS (UPDATE api_keys SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 RETURNING id) SELECT id FROM revoked`, [id])) as unknown[];
    return rows.length > 0;
  }

  /** The key with this hash, its last use noted (to the minute: one write a minute per key, not one per request). */
  async use(hash: string): Promise<{ id: string; scopes: ApiKeyScope[]; revoked_at: Date | null } | undefined> {
    const [row] = (await this.dataSource.query(
      `WITH used AS (
         UPDATE api_keys SET last_used_at = now()
          WHERE key_hash = $1 AND revoked_at IS NULL AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')
         RETURNING id)
       SELECT id, scopes, revoked_at FROM api_keys WHERE key_hash = $1`,
      [hash],
    )) as Array<{ id: string; scopes: ApiKeyScope[]; revoked_at: Date | null }>;
    return row;
  }
}
