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
  type DossierStatusChangedV2,
  type DossierWithdrawnV1,
  type ResultReadyV1,
  type ShipmentRegisteredV1,
  type ShipmentStatusChangedV1,
  type StatusChange,
  toLocalIsoDate,
} from '@onestop/domain';
import { ComplaintFactsRepository, type ComplaintFactRow } from './complaint-facts.repository.js';
import { type ComplaintContribution, type ComplaintDims, type DossierDims, fromApplied, sameDims, toApplied } from './contributions.js';
import { DossierFactsRepository, type DossierFactRow } from './dossier-facts.repository.js';
import { RollupsRepository } from './rollups.repository.js';

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
  constructor(
    private readonly dossierFacts: DossierFactsRepository,
    private readonly complaintFacts: ComplaintFactsRepository,
    private readonly rollups: RollupsRepository,
  ) {}

  async recordReceipt(d: DossierReceivedV1, manager: EntityManager): Promise<void> {
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
    const complaints = await this.complaintFacts.aboutDossierForUpdate(d.dossierCode, manager);
    for (const complaint of complaints) await this.recountComplaint(manager, complaint, row);
  }

  async recordStatus(s: DossierStatusChangedV2, manager: EntityManager): Promise<void> {
    await this.update(manager, s.dossierCode, (fact) => {
      const change: StatusChange = { sequence: s.sequence, status: s.status as DossierStatus, at: new Date(s.at).toISOString(), dueAt: s.dueAt ? new Date(s.dueAt).toISOString() : null };
      // For the causes of lateness: the step the dossier is at (its share of the time), and an apology's reason.
      if (s.step.startedAt) {
        change.step = { kind: s.step.kind ?? null, unitCode: s.step.unit.code, startedAt: new Date(s.step.startedAt).toISOString(), statutoryEndAt: s.step.statutoryEndAt ? new Date(s.step.statutoryEndAt).toISOString() : null };
      }
      if (s.step.action === 'apologise') change.apologyReason = s.step.note;
      fact.statuses = [...fact.statuses.filter((c) => c.sequence !== s.sequence), change].sort((a, b) => a.sequence - b.sequence);
    });
  }

  async recordWithdrawal(w: DossierWithdrawnV1, manager: EntityManager): Promise<void> {
    await this.update(manager, w.dossierCode, (fact) => {
      fact.withdrawn_at = new Date(earliest(fact.withdrawn_at, w.withdrawnAt));
    });
  }

  async recordResult(r: ResultReadyV1, manager: EntityManager): Promise<void> {
    await this.update(manager, r.dossierCode, (fact) => {
      // One result per dossier; should two ever come, the first issued counts.
      if (fact.result_ready_at !== null && Date.parse(iso(fact.result_ready_at)!) <= Date.parse(r.readyAt)) return;
      fact.result_ready_at = new Date(r.readyAt);
      fact.result_delivery_method = r.deliveryMethod;
      fact.result_kind = r.resultKind;
    });
  }

  async recordRating(r: DossierRatedV1, manager: EntityManager): Promise<void> {
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
  async recordShipmentRegistered(r: ShipmentRegisteredV1, manager: EntityManager): Promise<void> {
    if (r.kind !== 'result_delivery' || !r.dossierCode) return;
    await this.update(manager, r.dossierCode, (fact) => {
      fact.sent_by_post_at = new Date(earliest(fact.sent_by_post_at, r.registeredAt));
    });
  }

  /**
   * Postal: a result delivered to the applicant by post, or back at the agency after the
   * allowed attempts (for each, the first of any shipment counts).
   */
  async recordShipmentStatus(s: ShipmentStatusChangedV1, manager: EntityManager): Promise<void> {
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

  async recordComplaintFiled(c: ComplaintFiledV1, manager: EntityManager): Promise<void> {
    await this.updateComplaint(manager, c.complaintId, c.dossierCode, (row) => {
      row.agency_code = c.agencyCode;
      row.dossier_code = c.dossierCode;
      row.filed_at = new Date(c.filedAt);
    });
  }

  async recordComplaintAnswered(c: ComplaintAnsweredV1, manager: EntityManager): Promise<void> {
    await this.updateComplaint(manager, c.complaintId, c.dossierCode, (row) => {
      row.agency_code = c.agencyCode;
      row.dossier_code = c.dossierCode;
      row.answered_at = new Date(c.answeredAt);
    });
  }

  /** Locks the fact (creating it empty if needed), changes it, and moves the roll-ups by the difference. */
  private async update(manager: EntityManager, code: string, change: (fact: DossierFactRow) => void): Promise<DossierFactRow> {
    const fact = await this.dossierFacts.lockForUpdate(code, manager);
    const before = fromApplied(fact.applied);
    const dimsBefore = dimsOf(fact);
    change(fact);
    const dimsAfter = dimsOf(fact);
    const { contributions, outcome } = dossierContributions(inputOf(fact));
    if (sameDims(dimsBefore, dimsAfter)) {
      if (dimsAfter) await this.rollups.addToDossierRollup(dimsAfter, contributionDelta(before, contributions), 1, manager);
    } else {
      if (dimsBefore) await this.rollups.addToDossierRollup(dimsBefore, before, -1, manager);
      if (dimsAfter) await this.rollups.addToDossierRollup(dimsAfter, contributions, 1, manager);
    }
    fact.applied = toApplied(contributions);
    await this.dossierFacts.save(fact, outcome, manager);
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
      dossier = await this.dossierFacts.lockForShare(dossierCode, manager);
    }
    const row = await this.complaintFacts.lockForUpdate(id, manager);
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
    if (dimsBefore) await this.rollups.addToComplaintRollup(dimsBefore, before.map(([d, measure, n]) => ({ day: d, measure, n })), -1, manager);
    if (row.agency_code) await this.rollups.addToComplaintRollup({ agencyCode: row.agency_code, fieldCode: row.field_code, levelCode: row.level_code, procedureCode: row.procedure_code }, after, 1, manager);
    row.applied = after.map((c) => [c.day, c.measure, c.n]);
    await this.complaintFacts.save(row, manager);
  }
}
