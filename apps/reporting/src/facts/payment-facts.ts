import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { type EventEnvelope, type FeePaidV1, type FeeRefundedV1, type PaymentRequestedV1, toLocalIsoDate } from '@onestop/domain';
import { HandleEvent } from '@onestop/platform';
import type { ReportContext } from '../reports/report-context.js';
import { dossierScope, Sql } from '../reports/rollup-reader.js';

/** Fees in a period and scope: the 766 index's online-payment share, and the payments made online. */
export interface PaymentFigures {
  /** Dossiers received in the period with fees to pay (a bill asked). */
  dossiersWithFees: number;
  /** Of those, the dossiers whose fees were paid online (a payment through the national payment platform, not refunded). */
  dossiersPaidOnline: number;
  /** Payments made online in the period, and their whole VND. */
  paymentsOnline: number;
  amountOnlineVnd: number;
}

/**
 * Payment's events as facts (`payment_facts`): one row per bill asked, payment made or refund,
 * however often the event is delivered. Read with the dossier's facts, whose agencies, field,
 * level and procedure give every report's scope.
 */
@Injectable()
export class PaymentFacts {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @HandleEvent({ type: 'PaymentRequested', versions: [1] })
  async onRequested(event: EventEnvelope<'PaymentRequested', PaymentRequestedV1>, manager: EntityManager): Promise<void> {
    const p = event.payload;
    await this.record(manager, 'requested', p.billId, p.dossierCode, p.agencyCode, null, p.amountVnd, new Date(p.requestedAt));
  }

  @HandleEvent({ type: 'FeePaid', versions: [1] })
  async onPaid(event: EventEnvelope<'FeePaid', FeePaidV1>, manager: EntityManager): Promise<void> {
    const p = event.payload;
    // A second payment of a paid bill is refunded at once: not a payment of the dossier's fees.
    if (p.duplicate) return;
    await this.record(manager, 'paid', p.paymentId, p.dossierCode, p.agencyCode, p.channel, p.amountVnd, new Date(p.paidAt));
  }

  @HandleEvent({ type: 'FeeRefunded', versions: [1] })
  async onRefunded(event: EventEnvelope<'FeeRefunded', FeeRefundedV1>, manager: EntityManager): Promise<void> {
    const p = event.payload;
    // The refunded payment's id, so a refund cancels that payment in the figures.
    await this.record(manager, 'refunded', p.paymentId, p.dossierCode, p.agencyCode, p.channel, p.amountVnd, new Date(p.refundedAt));
  }

  private async record(manager: EntityManager, kind: 'requested' | 'paid' | 'refunded', id: string, dossierCode: string, agencyCode: string, channel: string | null, amountVnd: number, at: Date): Promise<void> {
    await manager.query(
      `INSERT INTO payment_facts (kind, id, dossier_code, agency_code, channel, amount_vnd, occurred_at, occurred_on) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
      [kind, id, dossierCode, agencyCode, channel, String(amountVnd), at, toLocalIsoDate(at)],
    );
  }

  /** The figures of the period and scope. */
  async figures(context: ReportContext): Promise<PaymentFigures> {
    const sql = new Sql();
    const from = sql.param(context.period.from, '::date');
    const to = sql.param(context.asOf, '::date');
    const scope = dossierScope(sql, context.scope).map((condition) => ` AND ${condition.replace(/\b(competent_agency_code|receiving_agency_code|field_code|level_code|procedure_code)\b/g, 'd.$1')}`).join('');
    const received = `(d.received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date >= ${from} AND (d.received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date < ${to}`;
    const onlinePaid = `p.kind = 'paid' AND p.channel = 'online' AND NOT EXISTS (SELECT 1 FROM payment_facts r WHERE r.kind = 'refunded' AND r.id = p.id)`;
    const [row] = (await this.dataSource.query(
      `SELECT count(DISTINCT p.dossier_code) FILTER (WHERE p.kind = 'requested' AND ${received}) AS with_fees,
              count(DISTINCT p.dossier_code) FILTER (WHERE ${onlinePaid} AND ${received}
                AND EXISTS (SELECT 1 FROM payment_facts q WHERE q.kind = 'requested' AND q.dossier_code = p.dossier_code)) AS paid_online,
              count(*) FILTER (WHERE ${onlinePaid} AND p.occurred_on >= ${from} AND p.occurred_on < ${to}) AS payments_online,
              COALESCE(sum(p.amount_vnd) FILTER (WHERE ${onlinePaid} AND p.occurred_on >= ${from} AND p.occurred_on < ${to}), 0) AS amount_online
         FROM payment_facts p JOIN dossier_facts d ON d.dossier_code = p.dossier_code
        WHERE d.received_at IS NOT NULL${scope}`,
      sql.params,
    )) as Array<{ with_fees: string; paid_online: string; payments_online: string; amount_online: string }>;
    return {
      dossiersWithFees: Number(row?.with_fees ?? 0),
      dossiersPaidOnline: Number(row?.paid_online ?? 0),
      paymentsOnline: Number(row?.payments_online ?? 0),
      amountOnlineVnd: Number(row?.amount_online ?? 0),
    };
  }
}
