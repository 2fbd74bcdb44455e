import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { type DossierPushSnapshot, PORTAL_SERVICES } from '../mapping/portal-mapping.js';

export type PushTarget = 'portal' | 'emc';
export type PushState = 'pending' | 'sent' | 'failed';

export interface PushRow {
  id: string;
  target: PushTarget;
  dossier_code: string;
  position: number;
  part: number;
  service: string;
  snapshot: Record<string, unknown>;
  state: PushState;
  attempts: number;
  next_attempt_at: Date;
  last_error: string | null;
  created_at: Date;
  sent_at: Date | null;
}

export interface NewPush {
  target: PushTarget;
  dossierCode: string;
  position: number;
  part: number;
  service: string;
  snapshot: object;
}

/** What the connector knows of a dossier (no personal data). */
export interface PortalDossierRow {
  dossier_code: string;
  receiving_agency_code: string | null;
  received_at: Date | null;
  procedure_code: string | null;
  procedure_name: string | null;
  channel: string | null;
  result_delivery: string | null;
  from_national_portal: boolean;
  known_to_portal: boolean;
  processed_at: Date | null;
  returned_at: Date | null;
  results: Array<{ documentNumber: string; resultKind: 'electronic' | 'paper'; readyAt: string }>;
  last_pushed_status: number | null;
  last_pushed_at: Date | null;
  synchronised_at: Date | null;
}

const PUSH_COLUMNS = 'id, target, dossier_code, position, part, service, snapshot, state, attempts, next_attempt_at, last_error, created_at, sent_at';

/** Every statement on the connector's queue (`portal_pushes`) and its dossiers (`portal_dossiers`). */
@Injectable()
export class PushesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async enqueue(pushes: NewPush[], manager: EntityManager): Promise<void> {
    for (const p of pushes) {
      await manager.query(`INSERT INTO portal_pushes (target, dossier_code, position, part, service, snapshot) VALUES ($1, $2, $3, $4, $5, $6)`, [
        p.target,
        p.dossierCode,
        p.position,
        p.part,
        p.service,
        JSON.stringify(p.snapshot),
      ]);
    }
  }

  /** The position after the dossier's last push, for pushes that follow everything queued (a result, an operator's re-push). */
  async lastPosition(dossierCode: string, manager: EntityManager): Promise<number> {
    const [row] = (await manager.query(`SELECT coalesce(max(position), 0) AS position FROM portal_pushes WHERE dossier_code = $1`, [dossierCode])) as Array<{ position: number }>;
    return Number(row.position);
  }

  /**
   * Claims up to `limit` pushes that may go now: each the head of its chain (the dossier's
   * earliest unsent push for that target, so a dossier's pushes arrive in order and a parked one
   * holds back those after it), due, not leased, and of a dossier whose reception is queued
   * (a status change never overtakes the dossier's first push). Locked with SKIP LOCKED and
   * leased in one statement, so two replicas never send one push twice.
   */
  async claimDue(limit: number, leaseSeconds: number): Promise<PushRow[]> {
    return (await this.dataSource.query(
      `WITH heads AS (
         SELECT DISTINCT ON (target, dossier_code) id
         FROM portal_pushes WHERE state <> 'sent'
         ORDER BY target, dossier_code, position, part, id
       ), due AS (
         SELECT p.id FROM portal_pushes p JOIN heads h ON h.id = p.id
         WHERE p.state = 'pending' AND p.next_attempt_at <= now() AND (p.lease_until IS NULL OR p.lease_until < now())
           AND EXISTS (SELECT 1 FROM portal_pushes r WHERE r.target = p.target AND r.dossier_code = p.dossier_code AND r.position = 0)
         ORDER BY p.next_attempt_at, p.id
         LIMIT $1
         FOR UPDATE OF p SKIP LOCKED
       )
       , claimed AS (
         UPDATE portal_pushes SET lease_until = now() + make_interval(secs => $2) FROM due WHERE portal_pushes.id = due.id
         RETURNING ${PUSH_COLUMNS.split(', ').map((c) => `portal_pushes.${c}`).join(', ')}
       )
       SELECT * FROM claimed`,
      [limit, leaseSeconds],
    )) as PushRow[];
  }

  async markSent(id: string, manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE portal_pushes SET state = 'sent', sent_at = now(), lease_until = NULL, attempts = attempts + 1, last_error = NULL WHERE id = $1`, [id]);
  }

  /** Another attempt later (the portal down, or a refusal under the limit). */
  async postpone(id: string, delaySeconds: number, error: string): Promise<void> {
    await this.dataSource.query(`UPDATE portal_pushes SET attempts = attempts + 1, next_attempt_at = now() + make_interval(secs => $2), lease_until = NULL, last_error = $3 WHERE id = $1`, [id, delaySeconds, error]);
  }

  /** Parked for an operator, with the portal's message. */
  async park(id: string, error: string): Promise<void> {
    await this.dataSource.query(`UPDATE portal_pushes SET state = 'failed', attempts = attempts + 1, lease_until = NULL, last_error = $2 WHERE id = $1`, [id, error]);
  }

  /** Parked pushes of the dossiers back in the queue, due now; returns how many. */
  async requeueFailed(dossierCodes: string[], manager: EntityManager): Promise<number> {
    const [{ n }] = (await manager.query(
      `WITH requeued AS (UPDATE portal_pushes SET state = 'pending', attempts = 0, next_attempt_at = now() WHERE state = 'failed' AND dossier_code = ANY($1) RETURNING id) SELECT count(*)::int AS n FROM requeued`,
      [dossierCodes],
    )) as Array<{ n: number }>;
    return n;
  }

  async ofDossier(dossierCode: string): Promise<PushRow[]> {
    return (await this.dataSource.query(`SELECT ${PUSH_COLUMNS} FROM portal_pushes WHERE dossier_code = $1 ORDER BY target, position, part, id`, [dossierCode])) as PushRow[];
  }

  async totals(): Promise<Array<{ target: PushTarget; state: PushState; n: number; oldest: Date | null }>> {
    return (await this.dataSource.query(`SELECT target, state, count(*)::int AS n, min(created_at) AS oldest FROM portal_pushes GROUP BY target, state`)) as Array<{ target: PushTarget; state: PushState; n: number; oldest: Date | null }>;
  }

  /** The most recently parked pushes, newest first. */
  async recentFailures(limit: number): Promise<PushRow[]> {
    return (await this.dataSource.query(`SELECT ${PUSH_COLUMNS} FROM portal_pushes WHERE state = 'failed' ORDER BY created_at DESC, id DESC LIMIT $1`, [limit])) as PushRow[];
  }

  /**
   * Queues the dossier's record to be pushed as it is at send time (an operator's re-push, the
   * files of the portal's own dossier stored): after everything queued of it, so the order
   * holds; a dossier never queued before gets its first push.
   */
  async enqueueCurrentRecord(code: string, manager: EntityManager): Promise<void> {
    const row = await this.lockDossier(code, manager);
    const [{ position, received }] = (await manager.query(
      `SELECT coalesce(max(position), 0) AS position, bool_or(position = 0 AND target = 'portal') AS received FROM portal_pushes WHERE dossier_code = $1`,
      [code],
    )) as Array<{ position: number; received: boolean | null }>;
    const snapshot: DossierPushSnapshot = {
      status: null,
      at: new Date().toISOString(),
      appointmentAt: null,
      unitName: null,
      processedAt: row.processed_at ? new Date(row.processed_at).toISOString() : null,
      returnedAt: row.returned_at ? new Date(row.returned_at).toISOString() : null,
    };
    await this.enqueue([{ target: 'portal', dossierCode: code, position: received ? Number(position) : 0, part: 3, service: PORTAL_SERVICES.dossier, snapshot }], manager);
  }

  // ----- portal_dossiers -----

  async dossier(code: string, manager: EntityManager = this.dataSource.manager): Promise<PortalDossierRow | null> {
    const [row] = (await manager.query(`SELECT * FROM portal_dossiers WHERE dossier_code = $1`, [code])) as PortalDossierRow[];
    return row ?? null;
  }

  /** The dossier's row, locked for the caller's transaction, made empty when none was there. */
  async lockDossier(code: string, manager: EntityManager): Promise<PortalDossierRow> {
    await manager.query(`INSERT INTO portal_dossiers (dossier_code) VALUES ($1) ON CONFLICT DO NOTHING`, [code]);
    const [row] = (await manager.query(`SELECT * FROM portal_dossiers WHERE dossier_code = $1 FOR UPDATE`, [code])) as PortalDossierRow[];
    return row;
  }

  async recordReception(
    code: string,
    facts: { receivingAgencyCode: string; receivedAt: string; procedureCode: string; procedureName: string; channel: string; resultDelivery: string; fromNationalPortal: boolean },
    manager: EntityManager,
  ): Promise<void> {
    await manager.query(
      `UPDATE portal_dossiers SET receiving_agency_code = $2, received_at = $3, procedure_code = $4, procedure_name = $5, channel = $6, result_delivery = $7, from_national_portal = $8 WHERE dossier_code = $1`,
      [code, facts.receivingAgencyCode, facts.receivedAt, facts.procedureCode, facts.procedureName, facts.channel, facts.resultDelivery, facts.fromNationalPortal],
    );
  }

  async recordMilestones(code: string, milestones: { processedAt?: string; returnedAt?: string }, manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE portal_dossiers SET processed_at = coalesce(processed_at, $2), returned_at = coalesce(returned_at, $3) WHERE dossier_code = $1`, [
      code,
      milestones.processedAt ?? null,
      milestones.returnedAt ?? null,
    ]);
  }

  async addResult(code: string, result: { documentNumber: string; resultKind: string; readyAt: string }, manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE portal_dossiers SET results = results || $2::jsonb WHERE dossier_code = $1 AND NOT results @> $2::jsonb`, [code, JSON.stringify([result])]);
  }

  async markKnownToPortal(code: string): Promise<void> {
    await this.dataSource.query(`UPDATE portal_dossiers SET known_to_portal = true WHERE dossier_code = $1`, [code]);
  }

  /** A dossier push the portal took: what it now shows; the first one is when the dossier was synchronised. Returns whether it was the first. */
  async recordPushed(code: string, nationalStatus: number, manager: EntityManager): Promise<boolean> {
    const [row] = (await manager.query(
      `WITH pushed AS (
         UPDATE portal_dossiers SET known_to_portal = true, last_pushed_status = $2, last_pushed_at = now(), synchronised_at = coalesce(synchronised_at, now())
         WHERE dossier_code = $1 RETURNING synchronised_at = last_pushed_at AS first
       ) SELECT first FROM pushed`,
      [code, nationalStatus],
    )) as Array<{ first: boolean }>;
    return row?.first ?? false;
  }

  /** The dossiers received on a local day (Asia/Ho_Chi_Minh), for a re-push of the day. */
  async receivedOn(day: string): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT dossier_code FROM portal_dossiers WHERE received_at >= ($1::date::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh') AND received_at < (($1::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh') ORDER BY received_at`,
      [day],
    )) as Array<{ dossier_code: string }>;
    return rows.map((r) => r.dossier_code);
  }

  async dossierTotals(): Promise<{ dossiers: number; synchronised: number }> {
    const [row] = (await this.dataSource.query(`SELECT count(*)::int AS dossiers, count(synchronised_at)::int AS synchronised FROM portal_dossiers WHERE received_at IS NOT NULL`)) as Array<{ dossiers: number; synchronised: number }>;
    return row;
  }
}
