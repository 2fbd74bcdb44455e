import { localDayNumber, toLocalIsoDate } from '../calendar/local-time.js';
import type { DossierStatus, ResultDeliveryMethod } from '../intake/dossier.js';
import type { AnnouncedStep } from './lateness-causes.js';

/**
 * What reporting knows of one dossier, gathered from events that may arrive in any order:
 * intake's DossierReceived, DossierWithdrawn and DossierRated, workflow's DossierStatusChanged
 * (ordered by their `sequence`) and ResultReady, postal's ShipmentRegistered and
 * ShipmentStatusChanged of the result's delivery. Everything here is a pure function of the set
 * of events received, never of their arrival order, so replaying them in any order gives the
 * same figures.
 */
export interface DossierFactInput {
  /** From DossierReceived; until it arrives the dossier is not counted anywhere. */
  received: {
    at: string;
    /** The appointment date at receipt: the legal due date until workflow says otherwise. */
    dueAt: string;
    /** Eligible for "4 tại chỗ" and received at the counter. */
    onTheSpot: boolean;
    feesPaidOnline: boolean;
  } | null;
  /** Workflow's status changes, any order; the sequence orders them. */
  statuses: StatusChange[];
  /** Intake's DossierWithdrawn; workflow's own "withdrawn" status takes precedence. */
  withdrawnAt: string | null;
  /** Workflow's ResultReady. */
  result: { readyAt: string; deliveryMethod: ResultDeliveryMethod; kind: 'electronic' | 'paper' } | null;
  /** Intake's DossierRated (once per dossier). */
  rating: { score: number; ratedAt: string } | null;
  /** Postal's ShipmentRegistered of the result's delivery: the result sent by post (the earliest registration counts). */
  sentByPostAt?: string | null;
  /** Postal's delivery of the result by post, when postal's events are subscribed. */
  deliveredByPostAt?: string | null;
  /** Postal's ShipmentStatusChanged `returned_to_sender` of the result's delivery: back at the agency, undelivered. */
  returnedToAgencyByPostAt?: string | null;
}

export interface StatusChange {
  sequence: number;
  status: DossierStatus;
  at: string;
  /** The legal due date after this change: moved out by supplements, never by an apology. */
  dueAt: string | null;
  /** The step the dossier is at after this change, for the causes of lateness; absent in facts kept before. */
  step?: AnnouncedStep;
  /** On an apology (thư xin lỗi): the reason it gave, null when none; absent on other changes. */
  apologyReason?: string | null;
}

/**
 * Flow measures count what happened on a day. Stock measures are +1 on the day a dossier enters
 * the state and −1 on the day it leaves it, so the number in the state at the start of a day is
 * the sum of everything before that day (see dossierContributions).
 */
export const DOSSIER_FLOW_MEASURES = [
  'received',
  'received_on_the_spot',
  'received_fees_paid_online',
  'finished_early',
  'finished_on_time',
  'finished_late',
  'refused',
  'stopped',
  'withdrawn',
  'handled_on_the_spot',
  'supplement_requested',
  'results_issued',
  'results_electronic',
  'results_by_post',
  'results_sent_by_post',
  'results_delivered_by_post',
  'results_returned_to_agency_by_post',
  'ratings',
  'rating_points',
  'ratings_satisfied',
] as const;
export const DOSSIER_STOCK_MEASURES = ['open_within_time', 'open_overdue', 'open_awaiting_supplement'] as const;
export const DOSSIER_MEASURES = [...DOSSIER_FLOW_MEASURES, ...DOSSIER_STOCK_MEASURES] as const;
export type DossierMeasure = (typeof DOSSIER_MEASURES)[number];

/** A rating of 4 or 5 (satisfied, very satisfied) counts as satisfied. */
export const SATISFIED_FROM_SCORE = 4;

export interface Contribution {
  /** Local date yyyy-MM-dd. */
  day: string;
  measure: DossierMeasure;
  n: number;
}

export type FinishClass = 'early' | 'on_time' | 'late';
export type DossierState = 'unknown' | 'in_progress' | 'awaiting_supplement' | 'finished' | 'refused' | 'stopped' | 'withdrawn';

export interface DossierOutcome {
  state: DossierState;
  closedAt: string | null;
  finishClass: FinishClass | null;
  /** The due date in force now (or at the close). */
  dueAt: string | null;
}

const FINISHED: readonly DossierStatus[] = ['processed', 'returned'];
const CLOSING: readonly DossierStatus[] = ['processed', 'returned', 'refused', 'stopped', 'withdrawn'];

const day = (instant: string) => toLocalIsoDate(new Date(instant));
const later = (a: string, b: string) => (Date.parse(a) >= Date.parse(b) ? a : b);
const earlier = (a: string, b: string) => (Date.parse(a) <= Date.parse(b) ? a : b);

/**
 * Early (trước hạn): finished on a day before the due date's day. On time (đúng hạn): on the due
 * day, not after the due instant. Late (quá hạn): after the due instant. The due date is the
 * legal one, which supplements move out and an apology never does.
 */
export function finishClass(finishedAt: string, dueAt: string): FinishClass {
  if (Date.parse(finishedAt) > Date.parse(dueAt)) return 'late';
  return localDayNumber(day(finishedAt)) < localDayNumber(day(dueAt)) ? 'early' : 'on_time';
}

/** The statuses in sequence order, one per sequence number. */
export function orderedStatuses(statuses: StatusChange[]): StatusChange[] {
  const bySequence = new Map<number, StatusChange>();
  for (const status of statuses) bySequence.set(status.sequence, status);
  return [...bySequence.values()].sort((a, b) => a.sequence - b.sequence);
}

/**
 * The dossier's life as day-by-day counts. Between receipt and its close (finished, refused,
 * stopped, withdrawn) a dossier is in exactly one of three states at every instant: in progress
 * within time, in progress overdue (the due date has passed), or awaiting the applicant's
 * supplement (the clock stopped). A state held from instant a (excluded) to b (included) adds
 * +1 on day(a) and −1 on day(b) of its stock measure; "in the state at the start of day X"
 * (at local midnight) is then exactly the sum of the days before X. Receipt and close are
 * counted on their own days. So for any period, carried over + received = closed + still open
 * at the end, dossier by dossier: the 06a balances by construction.
 */
export function dossierContributions(fact: DossierFactInput): { contributions: Contribution[]; outcome: DossierOutcome } {
  const received = fact.received;
  if (!received) return { contributions: [], outcome: { state: 'unknown', closedAt: null, finishClass: null, dueAt: null } };
  const out = new Map<string, Contribution>();
  const add = (d: string, measure: DossierMeasure, n: number) => {
    if (n === 0) return;
    const key = `${d}|${measure}`;
    const existing = out.get(key);
    if (existing) existing.n += n;
    else out.set(key, { day: d, measure, n });
  };

  add(day(received.at), 'received', 1);
  if (received.onTheSpot) add(day(received.at), 'received_on_the_spot', 1);
  if (received.feesPaidOnline) add(day(received.at), 'received_fees_paid_online', 1);

  /** A state held from `a` (excluded) to `b` (included), or still held when b is null. */
  const hold = (measure: DossierMeasure, a: string, b: string | null) => {
    const open = day(a);
    if (b !== null) {
      const close = day(b);
      if (close <= open) return;
      add(close, measure, -1);
    }
    add(open, measure, 1);
  };
  /** An in-progress stretch: within time up to the due instant, overdue after it. */
  const progress = (a: string, b: string | null, due: string) => {
    hold('open_within_time', a, b === null ? due : earlier(b, due));
    if (b === null || Date.parse(b) > Date.parse(due)) hold('open_overdue', later(a, due), b);
  };
  const segment = (kind: 'progress' | 'supplement', a: string, b: string | null, due: string) => {
    if (kind === 'supplement') hold('open_awaiting_supplement', a, b);
    else progress(a, b, due);
  };

  let start = received.at;
  let kind: 'progress' | 'supplement' = 'progress';
  let due = received.dueAt;
  let supplementCounted = false;
  let close: { at: string; status: DossierStatus; dueAt: string } | null = null;
  for (const change of orderedStatuses(fact.statuses)) {
    const at = later(change.at, start);
    if (CLOSING.includes(change.status)) {
      close = { at, status: change.status, dueAt: change.dueAt ?? due };
      break;
    }
    segment(kind, start, at, due);
    start = at;
    kind = change.status === 'supplement_requested' ? 'supplement' : 'progress';
    due = change.dueAt ?? due;
    if (kind === 'supplement' && !supplementCounted) {
      add(day(at), 'supplement_requested', 1);
      supplementCounted = true;
    }
  }
  if (!close && fact.withdrawnAt) close = { at: later(fact.withdrawnAt, start), status: 'withdrawn', dueAt: due };
  segment(kind, start, close?.at ?? null, due);

  let outcome: DossierOutcome;
  if (close) {
    const closeDay = day(close.at);
    if (FINISHED.includes(close.status)) {
      const cls = finishClass(close.at, close.dueAt);
      add(closeDay, cls === 'early' ? 'finished_early' : cls === 'on_time' ? 'finished_on_time' : 'finished_late', 1);
      // "4 tại chỗ": eligible, received at the counter, and the result given the day of receipt.
      if (received.onTheSpot && closeDay === day(received.at)) add(closeDay, 'handled_on_the_spot', 1);
      outcome = { state: 'finished', closedAt: close.at, finishClass: cls, dueAt: close.dueAt };
    } else {
      add(closeDay, close.status as 'refused' | 'stopped' | 'withdrawn', 1);
      outcome = { state: close.status as DossierState, closedAt: close.at, finishClass: null, dueAt: close.dueAt };
    }
  } else {
    outcome = { state: kind === 'supplement' ? 'awaiting_supplement' : 'in_progress', closedAt: null, finishClass: null, dueAt: due };
  }

  if (fact.result) {
    const readyDay = day(fact.result.readyAt);
    add(readyDay, 'results_issued', 1);
    if (fact.result.kind === 'electronic') add(readyDay, 'results_electronic', 1);
    if (fact.result.deliveryMethod === 'post') add(readyDay, 'results_by_post', 1);
  }
  if (fact.sentByPostAt) add(day(fact.sentByPostAt), 'results_sent_by_post', 1);
  if (fact.deliveredByPostAt) add(day(fact.deliveredByPostAt), 'results_delivered_by_post', 1);
  if (fact.returnedToAgencyByPostAt) add(day(fact.returnedToAgencyByPostAt), 'results_returned_to_agency_by_post', 1);
  if (fact.rating) {
    const ratedDay = day(fact.rating.ratedAt);
    add(ratedDay, 'ratings', 1);
    add(ratedDay, 'rating_points', fact.rating.score);
    if (fact.rating.score >= SATISFIED_FROM_SCORE) add(ratedDay, 'ratings_satisfied', 1);
  }
  const contributions = [...out.values()].filter((c) => c.n !== 0).sort((a, b) => (a.day === b.day ? a.measure.localeCompare(b.measure) : a.day < b.day ? -1 : 1));
  return { contributions, outcome };
}

/** What to add to the roll-ups when a dossier's contributions change from `before` to `after`. */
export function contributionDelta(before: readonly Contribution[], after: readonly Contribution[]): Contribution[] {
  const delta = new Map<string, Contribution>();
  const apply = (list: readonly Contribution[], sign: number) => {
    for (const c of list) {
      const key = `${c.day}|${c.measure}`;
      const existing = delta.get(key);
      if (existing) existing.n += sign * c.n;
      else delta.set(key, { day: c.day, measure: c.measure, n: sign * c.n });
    }
  };
  apply(before, -1);
  apply(after, 1);
  return [...delta.values()].filter((c) => c.n !== 0);
}
