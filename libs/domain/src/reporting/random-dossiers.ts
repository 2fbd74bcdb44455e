import type { DossierStatus } from '../intake/dossier.js';
import type { DossierFactInput, StatusChange } from './dossier-timeline.js';

/**
 * Generated dossier histories for property tests of the reporting rules and roll-ups (not part
 * of the library's exports): plausible lives of dossiers, and a reading of a dossier's state at
 * an instant that is independent of the roll-up arithmetic.
 */

/** A small seeded generator (mulberry32), so a failure names the seed that reproduces it. */
export function randomSource(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
    chance: (p: number) => next() < p,
  };
}

export type Random = ReturnType<typeof randomSource>;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();

/** A plausible life of a dossier: receipt, steps, supplement waits that move the due date, and maybe a close. */
export function randomDossier(random: Random, startMs: number, spanDays: number): DossierFactInput {
  let t = startMs + random.int(0, spanDays * 24) * HOUR + random.int(0, 59) * 60_000;
  const receivedAt = t;
  let due = receivedAt + random.int(1, 20) * DAY + random.int(0, 8) * HOUR;
  const statuses: StatusChange[] = [];
  let sequence = 0;
  const push = (status: DossierStatus, dueAt = due) => statuses.push({ sequence: ++sequence, status, at: iso(t), dueAt: iso(dueAt) });
  push('accepted');
  let closed = false;
  for (let step = 0; step < random.int(0, 6) && !closed; step++) {
    t += random.int(0, 6 * 24) * HOUR;
    const move = random.pick(['processing', 'processing', 'supplement', 'close'] as const);
    if (move === 'processing') push('processing');
    else if (move === 'supplement') {
      push('supplement_requested');
      const waited = random.int(1, 10 * 24) * HOUR;
      t += waited;
      due += waited;
      if (random.chance(0.85)) push('processing');
      else {
        closed = true; // never supplemented: still waiting, or closed below
        if (random.chance(0.5)) push(random.pick(['stopped', 'withdrawn'] as const));
      }
    } else {
      const end = random.pick(['processed', 'processed', 'processed', 'refused', 'stopped', 'withdrawn'] as const);
      push(end);
      if (end === 'processed' && random.chance(0.6)) {
        t += random.int(0, 3 * 24) * HOUR;
        push('returned');
      }
      closed = true;
    }
  }
  const processed = statuses.find((s) => s.status === 'processed');
  return {
    received: { at: iso(receivedAt), dueAt: statuses[0].dueAt!, onTheSpot: random.chance(0.2), feesPaidOnline: random.chance(0.3) },
    statuses,
    withdrawnAt: !closed && random.chance(0.1) ? iso(t + random.int(1, 48) * HOUR) : null,
    result: processed ? { readyAt: processed.at, deliveryMethod: random.pick(['counter', 'online', 'post'] as const), kind: random.pick(['paper', 'electronic'] as const) } : null,
    rating: processed && random.chance(0.5) ? { score: random.int(1, 5), ratedAt: iso(Date.parse(processed.at) + random.int(1, 72) * HOUR) } : null,
  };
}

/** An independent reading of a dossier's state at one instant, straight from its events (for checking the roll-ups). */
export function stateAt(fact: DossierFactInput, instantMs: number): 'closed' | 'not_yet' | 'within' | 'overdue' | 'supplement' {
  if (!fact.received || Date.parse(fact.received.at) >= instantMs) return 'not_yet';
  const ordered = [...fact.statuses].sort((a, b) => a.sequence - b.sequence);
  const closing = ordered.find((s) => ['processed', 'returned', 'refused', 'stopped', 'withdrawn'].includes(s.status));
  const closeAt = closing ? Date.parse(closing.at) : fact.withdrawnAt ? Date.parse(fact.withdrawnAt) : null;
  if (closeAt !== null && closeAt < instantMs) return 'closed';
  let due = Date.parse(fact.received.dueAt);
  let waiting = false;
  for (const s of ordered) {
    if (s === closing) break;
    if (Date.parse(s.at) >= instantMs) break;
    waiting = s.status === 'supplement_requested';
    if (s.dueAt) due = Date.parse(s.dueAt);
  }
  if (waiting) return 'supplement';
  return due < instantMs ? 'overdue' : 'within';
}

