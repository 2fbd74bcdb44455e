import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  type ComplaintAnsweredV1,
  type ComplaintFiledV1,
  contributionDelta,
  type DossierFactInput,
  type DossierRatedV1,
  type DossierReceivedV1,
  type DossierStatus,
  dossierContributions,
  type DossierStatusChangedV1,
  type DossierWithdrawnV1,
  type EventEnvelope,
  type ResultReadyV1,
  type ShipmentRegisteredV1,
  type ShipmentStatusChangedV1,
  type StatusChange,
  toLocalIsoDate,
} from '@onestop/domain';
import { HandleEvent } from '@onestop/platform';
import { addToComplaintRollup, addToDossierRollup, type AppliedContributions, type ComplaintContribution, type ComplaintDims, type DossierDims, fromApplied, sameDims, toApplied } from './rollup-writer.js';

/** A dossier_facts row as PostgreSQL returns it. */
interface DossierFactRow {
  dossier_code: string;
  received_at: Date | null;
  channel: string | null;
  receiving_agency_code: string | null;
  competent_agency_code: string | null;
  field_code: string | null;
  level_code: string | null;
  procedure_code: string | null;
  procedure_version_no: number | null;
  on_the_spot: boolean | null;
  fees_paid_online: boolean | null;
  result_delivery: string | null;
  initial_due_at: Date | null;
  statuses: StatusChange[];
  withdrawn_at: Date | null;
  result_ready_at: Date | null;
  result_delivery_method: string | null;
  result_kind: string | null;
  rating_score: number | null;
  rated_at: Date | null;
  sent_by_post_at: Date | null;
  delivered_by_post_at: Date | null;
  returned_to_agency_by_post_at: Date | null;
  applied: AppliedContributions;
}

interface ComplaintFactRow {
  complaint_id: string;
  agency_code: string | null;
  dossier_code: string | null;
  filed_at: Date | null;
  answered_at: Date | null;
  field_code: string;
  level_code: string;
  procedure_code: string;
  applied: Array<[string, 'filed' | 'answered', number]>;
}

const iso = (value: Date | string | null): string | null => (value === null ? null : new Date(value).toISOString());
const earliest = (a: Date | string | null, b: string): string => (a !== null && Date.parse(iso(a)!) <= Date.parse(b) ? iso(a)! : new Date(b).toISOString());

function dimsOf(row: DossierFactRow): DossierDims | null {
  if (row.received_at === null) return null;
  return {
    competentAgencyCode: row.competent_agency_code!,
    receivingAgencyCode: row.receiving_agency_code!,
    fieldCode: row.field_code!,
    levelCode: row.level_code!,
    procedureCode: row.procedure_code!,
    channel: row.channel!,
  };
}

function inputOf(row: DossierFactRow): DossierFactInput {
  return {
    received:
      row.received_at === null
        ? null
        : { at: iso(row.received_at)!, dueAt: iso(row.initial_due_at)!, onTheSpot: row.on_the_spot === true, feesPaidOnline: row.fees_paid_online === true },
    statuses: row.statuses,
    withdrawnAt: iso(row.withdrawn_at),
    result:
      row.result_ready_at === null
        ? null
        : { readyAt: iso(row.result_ready_at)!, deliveryMethod: row.result_delivery_method as 'counter' | 'online' | 'post', kind: row.result_kind as 'electronic' | 'paper' },
    rating: row.rating_score === null ? null : { score: row.rating_score, ratedAt: iso(row.rated_at)! },
    sentByPostAt: iso(row.sent_by_post_at),
    deliveredByPostAt: iso(row.delivered_by_post_at),
    returnedToAgencyByPostAt: iso(row.returned_to_agency_by_post_at),
  };
}

/**
 * Reporting's fact per dossier, fed by intake's, workflow's and postal's events. Each event
 * changes the fact (under a row lock, so two events of one dossier apply one after the other),
 * the rules in libs/domain recompute what the dossier adds to the daily roll-ups, and the
 * difference is added to them in the same transaction as the inbox record. Events may come in
 * any order: the facts keep what each said, and the result depends only on which arrived.
 */
@Injectable()
export class DossierFactsService {
  @HandleEvent({ type: 'DossierReceived', versions: [1] })
  async onDossierReceived(event: EventEnvelope<'DossierReceived', DossierReceivedV1>, manager: EntityManager): Promise<void> {
    const d = event.payload;
    const row = await this.update(manager, d.dossierCode, (fact) => {
      fact.received_at = new Date(d.receivedAt);
      fact.channel = d.channel;
      fact.receiving_agency_code = d.receivingAgencyCode;
      fact.competent_agency_code = d.competentAgencyCode;
      fact.field_code = d.fieldCode;
      fact.level_code = d.levelCode;
      fact.procedure_code = d.procedureCode;
      fact.procedure_version_no = d.procedureVersionNo;
      fact.on_the_spot = d.onTheSpot;
      fact.fees_paid_online = d.feesPaidOnline;
      fact.result_delivery = d.resultDelivery;
      fact.initial_due_at = new Date(d.appointmentAt);
    });
    // Complaints about this dossier that came first are counted under its field and procedure now.
    const complaints = (await manager.query(`SELECT * FROM complaint_facts WHERE dossier_code = $1 ORDER BY complaint_id FOR UPDATE`, [d.dossierCode])) as ComplaintFactRow[];
    for (const complaint of complaints) await this.recountComplaint(manager, complaint, row);
  }

  @HandleEvent({ type: 'DossierStatusChanged', versions: [1] })
  async onDossierStatusChanged(event: EventEnvelope<'DossierStatusChanged', DossierStatusChangedV1>, manager: EntityManager): Promise<void> {
    const s = event.payload;
    await this.update(manager, s.dossierCode, (fact) => {
      const change: StatusChange = { sequence: s.sequence, status: s.status as DossierStatus, at: new Date(s.at).toISOString(), dueAt: s.dueAt ? new Date(s.dueAt).toISOString() : null };
      fact.statuses = [...fact.statuses.filter((c) => c.sequence !== s.sequence), change].sort((a, b) => a.sequence - b.sequence);
    });
  }

  @HandleEvent({ type: 'DossierWithdrawn', versions: [1] })
  async onDossierWithdrawn(event: EventEnvelope<'DossierWithdrawn', DossierWithdrawnV1>, manager: EntityManager): Promise<void> {
    await this.update(manager, event.payload.dossierCode, (fact) => {
      fact.withdrawn_at = new Date(earliest(fact.withdrawn_at, event.payload.withdrawnAt));
    });
  }

  @HandleEvent({ type: 'ResultReady', versions: [1] })
  async onResultReady(event: EventEnvelope<'ResultReady', ResultReadyV1>, manager: EntityManager): Promise<void> {
    const r = event.payload;
    await this.update(manager, r.dossierCode, (fact) => {
      // One result per dossier; should two ever come, the first issued counts.
      if (fact.result_ready_at !== null && Date.parse(iso(fact.result_ready_at)!) <= Date.parse(r.readyAt)) return;
      fact.result_ready_at = new Date(r.readyAt);
      fact.result_delivery_method = r.deliveryMethod;
      fact.result_kind = r.resultKind;
    });
  }

  @HandleEvent({ type: 'DossierRated', versions: [1] })
  async onDossierRated(event: EventEnvelope<'DossierRated', DossierRatedV1>, manager: EntityManager): Promise<void> {
    const r = event.payload;
    await this.update(manager, r.dossierCode, (fact) => {
      // A dossier is rated once; should two ratings ever come, the first given counts.
      if (fact.rated_at !== null && Date.parse(iso(fact.rated_at)!) <= Date.parse(r.ratedAt)) return;
      fact.rating_score = r.score;
      fact.rated_at = new Date(r.ratedAt);
    });
  }

  /**
   * Postal: a result sent by post, when postal registers its delivery shipment (the earliest
   * registration counts, should a dossier ever have two). A dossier collected by post is
   * counted by its receipt on the post channel instead.
   */
  @HandleEvent({ type: 'ShipmentRegistered', versions: [1] })
  async onShipmentRegistered(event: EventEnvelope<'ShipmentRegistered', ShipmentRegisteredV1>, manager: EntityManager): Promise<void> {
    const r = event.payload;
    if (r.kind !== 'result_delivery' || !r.dossierCode) return;
    await this.update(manager, r.dossierCode, (fact) => {
      fact.sent_by_post_at = new Date(earliest(fact.sent_by_post_at, r.registeredAt));
    });
  }

  /**
   * Postal: a result delivered to the applicant by post, or back at the agency after the
   * allowed attempts (for each, the first of any shipment counts).
   */
  @HandleEvent({ type: 'ShipmentStatusChanged', versions: [1] })
  async onShipmentStatusChanged(event: EventEnvelope<'ShipmentStatusChanged', ShipmentStatusChangedV1>, manager: EntityManager): Promise<void> {
    const s = event.payload;
    if (s.kind !== 'result_delivery' || !s.dossierCode) return;
    if (s.status === 'delivered') {
      await this.update(manager, s.dossierCode, (fact) => {
        fact.delivered_by_post_at = new Date(earliest(fact.delivered_by_post_at, s.at));
      });
    } else if (s.status === 'returned_to_sender') {
      await this.update(manager, s.dossierCode, (fact) => {
        fact.returned_to_agency_by_post_at = new Date(earliest(fact.returned_to_agency_by_post_at, s.at));
      });
    }
  }

  @HandleEvent({ type: 'ComplaintFiled', versions: [1] })
  async onComplaintFiled(event: EventEnvelope<'ComplaintFiled', ComplaintFiledV1>, manager: EntityManager): Promise<void> {
    const c = event.payload;
    await this.updateComplaint(manager, c.complaintId, c.dossierCode, (row) => {
      row.agency_code = c.agencyCode;
      row.dossier_code = c.dossierCode;
      row.filed_at = new Date(c.filedAt);
    });
  }

  @HandleEvent({ type: 'ComplaintAnswered', versions: [1] })
  async onComplaintAnswered(event: EventEnvelope<'ComplaintAnswered', ComplaintAnsweredV1>, manager: EntityManager): Promise<void> {
    const c = event.payload;
    await this.updateComplaint(manager, c.complaintId, c.dossierCode, (row) => {
      row.agency_code = c.agencyCode;
      row.dossier_code = c.dossierCode;
      row.answered_at = new Date(c.answeredAt);
    });
  }

  /** Locks the fact (creating it empty if needed), changes it, and moves the roll-ups by the difference. */
  private async update(manager: EntityManager, code: string, change: (fact: DossierFactRow) => void): Promise<DossierFactRow> {
    await manager.query(`INSERT INTO dossier_facts (dossier_code) VALUES ($1) ON CONFLICT (dossier_code) DO NOTHING`, [code]);
    const [fact] = (await manager.query(`SELECT * FROM dossier_facts WHERE dossier_code = $1 FOR UPDATE`, [code])) as DossierFactRow[];
    const before = fromApplied(fact.applied);
    const dimsBefore = dimsOf(fact);
    change(fact);
    const dimsAfter = dimsOf(fact);
    const { contributions, outcome } = dossierContributions(inputOf(fact));
    if (sameDims(dimsBefore, dimsAfter)) {
      if (dimsAfter) await addToDossierRollup(manager, dimsAfter, contributionDelta(before, contributions));
    } else {
      if (dimsBefore) await addToDossierRollup(manager, dimsBefore, before, -1);
      if (dimsAfter) await addToDossierRollup(manager, dimsAfter, contributions);
    }
    fact.applied = toApplied(contributions);
    await manager.query(
      `UPDATE dossier_facts SET
         received_at = $2, channel = $3, receiving_agency_code = $4, competent_agency_code = $5, field_code = $6, level_code = $7,
         procedure_code = $8, procedure_version_no = $9, on_the_spot = $10, fees_paid_online = $11, result_delivery = $12,
         initial_due_at = $13, statuses = $14, withdrawn_at = $15, result_ready_at = $16, result_delivery_method = $17, result_kind = $18,
         rating_score = $19, rated_at = $20, delivered_by_post_at = $21, state = $22, closed_at = $23, finish_class = $24, due_at = $25, applied = $26,
         sent_by_post_at = $27, returned_to_agency_by_post_at = $28
       WHERE dossier_code = $1`,
      [
        code, fact.received_at, fact.channel, fact.receiving_agency_code, fact.competent_agency_code, fact.field_code, fact.level_code,
        fact.procedure_code, fact.procedure_version_no, fact.on_the_spot, fact.fees_paid_online, fact.result_delivery,
        fact.initial_due_at, JSON.stringify(fact.statuses), fact.withdrawn_at, fact.result_ready_at, fact.result_delivery_method, fact.result_kind,
        fact.rating_score, fact.rated_at, fact.delivered_by_post_at, outcome.state, outcome.closedAt, outcome.finishClass, outcome.dueAt,
        JSON.stringify(fact.applied), fact.sent_by_post_at, fact.returned_to_agency_by_post_at,
      ],
    );
    return fact;
  }

  /**
   * A complaint is counted under its agency and, when it is about a dossier reporting knows,
   * that dossier's field, level and procedure. The dossier's fact row is locked first (made
   * empty if it has not arrived), so a complaint and the dossier's receipt never miss each other.
   */
  private async updateComplaint(manager: EntityManager, id: string, dossierCode: string | null, change: (row: ComplaintFactRow) => void): Promise<void> {
    let dossier: DossierFactRow | null = null;
    if (dossierCode) {
      await manager.query(`INSERT INTO dossier_facts (dossier_code) VALUES ($1) ON CONFLICT (dossier_code) DO NOTHING`, [dossierCode]);
      [dossier] = (await manager.query(`SELECT * FROM dossier_facts WHERE dossier_code = $1 FOR SHARE`, [dossierCode])) as DossierFactRow[];
    }
    await manager.query(`INSERT INTO complaint_facts (complaint_id) VALUES ($1) ON CONFLICT (complaint_id) DO NOTHING`, [id]);
    const [row] = (await manager.query(`SELECT * FROM complaint_facts WHERE complaint_id = $1 FOR UPDATE`, [id])) as ComplaintFactRow[];
    change(row);
    await this.recountComplaint(manager, row, dossier);
  }

  private async recountComplaint(manager: EntityManager, row: ComplaintFactRow, dossier: DossierFactRow | null): Promise<void> {
    const before = row.applied ?? [];
    const dimsBefore: ComplaintDims | null = row.agency_code && before.length ? { agencyCode: row.agency_code, fieldCode: row.field_code, levelCode: row.level_code, procedureCode: row.procedure_code } : null;
    const known = dossier && dossier.received_at !== null;
    row.field_code = known ? dossier!.field_code! : '';
    row.level_code = known ? dossier!.level_code! : '';
    row.procedure_code = known ? dossier!.procedure_code! : '';
    const after: ComplaintContribution[] = [];
    const day = (at: Date) => toLocalIsoDate(new Date(at));
    if (row.agency_code) {
      if (row.filed_at) after.push({ day: day(new Date(row.filed_at)), measure: 'filed', n: 1 });
      if (row.answered_at) after.push({ day: day(new Date(row.answered_at)), measure: 'answered', n: 1 });
    }
    if (dimsBefore) await addToComplaintRollup(manager, dimsBefore, before.map(([d, measure, n]) => ({ day: d, measure, n })), -1);
    if (row.agency_code) await addToComplaintRollup(manager, { agencyCode: row.agency_code, fieldCode: row.field_code, levelCode: row.level_code, procedureCode: row.procedure_code }, after);
    row.applied = after.map((c) => [c.day, c.measure, c.n]);
    await manager.query(
      `UPDATE complaint_facts SET agency_code = $2, dossier_code = $3, filed_at = $4, answered_at = $5, field_code = $6, level_code = $7, procedure_code = $8, applied = $9
        WHERE complaint_id = $1`,
      [row.complaint_id, row.agency_code, row.dossier_code, row.filed_at, row.answered_at, row.field_code, row.level_code, row.procedure_code, JSON.stringify(row.applied)],
    );
  }
}
