import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  type Actor,
  applyCaseAction,
  type CaseAction,
  type CaseActionContext,
  type CaseActionInput,
  type CaseEffect,
  type CaseMove,
  type DossierReceivedV1,
  dossierStatusOf,
  FINAL_CASE_STATES,
  type InvalidActionInput,
  latenessAt,
  type Lateness,
  openingOf,
  type Role,
  rolesFor,
  statusChangedEvent,
  type SupplementReceivedV1,
  SYSTEM_ACTOR,
  takePartialSupplement,
  takeResultBackFromPost,
  transition,
  type WorkingCalendar,
} from '@onestop/domain';
import { type Caller, Clock, ProblemException, WorkingCalendarClient, writeEvent } from '@onestop/platform';
import { WorkflowAccess } from '../access-policy.js';
import { WorkflowConfig } from '../config.js';
import { WorkflowCatalogClient } from '../clients/catalog.client.js';
import { IntakeClient } from '../clients/intake.client.js';
import { HandoversRepository } from '../control-sheet/handovers.repository.js';
import { StepClockPendingRepository } from '../lateness/step-clock-pending.repository.js';
import { OFFICER_ROLES } from '../officers/officer.dto.js';
import { OFFICER_TITLES, OfficersService } from '../officers/officers.service.js';
import type { CaseActionRequest } from './case.dto.js';
import type { Case } from './case.entity.js';
import { type CaseView, toCaseView } from './case.views.js';
import { allowedActionsOf, judgeAction, positionOf, refusalOf } from './case-permissions.js';
import { CasesRepository } from './cases.repository.js';
import { requestedItems } from './supplement-requests.js';
import { type AttachedResult, type PreparedResult, ResultsService } from '../results/results.service.js';

/** A withdrawal as this service recorded it: what intake shows until the status change arrives. */
export interface CaseWithdrawal {
  dossierCode: string;
  withdrawnAt: string;
  /** The case's status sequence after the withdrawal (DossierStatusChanged's `sequence`). */
  sequence: number;
}

function withdrawalOf(c: Case): CaseWithdrawal {
  return { dossierCode: c.dossierCode, withdrawnAt: c.outcome!.at, sequence: c.statusSequence };
}

/** The officer acting: their name and the title an administrator set in the directory, else the token's name and the role's usual title. */
function actorOf(caller: Caller, roles: Role[], listed?: { name: string | null; title: string | null }): Actor {
  const role = OFFICER_ROLES.find((r) => roles.includes(r) && caller.roles.includes(r));
  return { subject: caller.subject, name: listed?.name ?? caller.name ?? caller.subject, title: listed?.title ?? (role ? OFFICER_TITLES[role] : null) };
}

function problemOf({ invalid }: InvalidActionInput): ProblemException {
  const fields = [{ field: invalid.field, reason: invalid.reason }];
  return invalid.status === 400 ? ProblemException.badRequest(invalid.code, invalid.detail, fields) : ProblemException.unprocessable(invalid.code, invalid.detail, fields);
}

const caseOpening = (code: string) =>
  ProblemException.conflict('case-opening', `The dossier ${code} was received a moment ago and its case is being opened; try again in a second.`).withRetryAfter(1);

/**
 * Processing cases: opened from DossierReceived, moved by officers' actions through the state
 * machine in libs/domain, timed on the working calendar, every hand-over on the control sheet
 * and every status change announced (DossierStatusChanged, ResultReady) in the same transaction.
 * What each action does is libs/domain's `applyCaseAction`; here the case is loaded and locked,
 * the action authorised, and its effect saved and announced.
 */
@Injectable()
export class CasesService {
  private readonly logger = new Logger('Cases');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cases: CasesRepository,
    private readonly handovers: HandoversRepository,
    private readonly pendingStepClocks: StepClockPendingRepository,
    private readonly calendars: WorkingCalendarClient,
    private readonly clock: Clock,
    private readonly config: WorkflowConfig,
    private readonly officers: OfficersService,
    private readonly catalog: WorkflowCatalogClient,
    private readonly intake: IntakeClient,
    private readonly results: ResultsService,
  ) {}

  /** Opens the case of a dossier intake received; nothing when it is open already. */
  async open(d: DossierReceivedV1, manager: EntityManager): Promise<void> {
    // The first step's clock starts with the case's. Without the calendar (catalog unreachable)
    // the case still opens, and the lateness sweep computes the step's due time later.
    const calendar = await this.calendars.calendar().catch((error: unknown) => {
      this.logger.warn(`${d.dossierCode}: the first step's due time is left to the sweep, the calendar could not be read (${String(error)})`);
      return null;
    });
    const opening = openingOf(d, calendar, this.clock.now());
    if (!(await this.cases.open(d, opening, manager))) return;
    if (!opening.firstStepDueAt) await this.pendingStepClocks.add(d.dossierCode, manager);
    await this.handovers.append(d.dossierCode, opening.handover, manager);
  }

  /** The applicant's supplement: a partial answer is recorded and the clock stays stopped; the answer that completes the request resumes it. */
  async takeSupplement(supplement: SupplementReceivedV1, manager: EntityManager): Promise<void> {
    if (supplement.complete !== false) {
      await this.system(manager, supplement.dossierCode, 'resume', new Date(supplement.receivedAt), await this.calendars.calendar(), supplement.note, { supplement });
      return;
    }
    const c = await this.cases.locked(supplement.dossierCode, manager);
    const effect = c ? takePartialSupplement(c, supplement) : null;
    if (!c || !effect) {
      this.logger.warn(`partial supplement for ${supplement.dossierCode} ignored: ${c ? `the case is ${c.state}` : 'no case'}`);
      return;
    }
    await this.commit(manager, c, effect);
  }

  /** Whether the case is withdrawn already (intake asked `withdraw` before announcing it). */
  async withdrawn(code: string, manager: EntityManager): Promise<boolean> {
    return (await this.cases.stateOf(code, manager)) === 'withdrawn';
  }

  /**
   * The applicant's withdrawal (rút hồ sơ), decided here, where the case's state is owned, under
   * the case's lock: a withdrawal and a result issued at the same moment are judged one after
   * the other, and exactly one of them wins. Asked by intake (the applicant's door) before it
   * answers, so a withdrawal accepted is never dropped later. Asking again for a case already
   * withdrawn answers the same withdrawal, so intake can retry after a failure of its own.
   */
  async withdraw(code: string, reason: string): Promise<CaseWithdrawal> {
    const calendar = await this.calendars.calendar();
    return this.dataSource.transaction(async (manager) => {
      const c = await this.cases.locked(code, manager);
      if (!c) throw caseOpening(code);
      if (c.state === 'withdrawn' && c.outcome?.kind === 'withdrawal') return withdrawalOf(c);
      const context = this.contextOf(this.clock.now(), SYSTEM_ACTOR, calendar);
      const transitionTo = transition(positionOf(c, latenessAt(c, context)), 'withdraw');
      if (!transitionTo.allowed) {
        throw ProblemException.conflict('dossier-not-withdrawable', `The dossier can no longer be withdrawn: ${transitionTo.reason}.`, { currentStatus: dossierStatusOf(c.state, c.currentStepKind, c.stepIndex, c.awaitingAcceptance) });
      }
      await this.apply(manager, c, { action: 'withdraw', to: transitionTo.to, advancesStep: false }, { reason }, context);
      return withdrawalOf(c);
    });
  }

  async view(caller: Caller, code: string): Promise<CaseView> {
    const c = await this.cases.find(code);
    if (!c) throw await this.noCase(caller, code);
    if (!WorkflowAccess.readCase.allows(caller, c)) throw ProblemException.notFound('case-not-found', `No case ${code} for your agencies.`);
    return this.viewOf(caller, c, this.clock.now(), await this.calendars.calendar());
  }

  /**
   * An officer's action: allowed by the state machine, by role and agency of the step, by
   * assignment (judgeAction, which also lists a case's `allowedActions`), then by its input.
   */
  async act(caller: Caller, code: string, request: CaseActionRequest, attached?: AttachedResult): Promise<{ view: CaseView; resultId?: string }> {
    const calendar = await this.calendars.calendar();
    const now = this.clock.now();
    // An electronic result is signed before the transaction (a remote signer takes round trips no
    // lock should wait on) and recorded in it, with the status change and both events.
    const prepared = request.result?.kind === 'electronic' ? await this.prepareResult(caller, code, request, now, calendar, attached) : undefined;
    try {
      const view = await this.dataSource.transaction(async (manager) => {
        const c = await this.cases.locked(code, manager);
        if (!c) throw await this.noCase(caller, code);
        if (!WorkflowAccess.readCase.allows(caller, c)) throw ProblemException.notFound('case-not-found', `No case ${code} for your agencies.`);
        // Judged on the clock now, not on the sweep's mark, which lags it by up to a sweep.
        const lateness = this.latenessOf(c, now, calendar);
        const outcome = judgeAction(caller, c, lateness, request.action);
        if (!outcome.allowed) throw refusalOf(outcome, c, request.action, lateness);
        // The case is written with the action: its mark says what was judged (the sweep marks only cases at a step).
        if (c.state === 'in_step') c.lateness = lateness;
        const input = await this.inputOf(manager, c, request);
        const actor = actorOf(caller, outcome.roles, await this.officers.known(manager, caller.subject));
        await this.apply(manager, c, { action: request.action, to: outcome.to, advancesStep: outcome.advancesStep }, input, this.contextOf(now, actor, calendar));
        if (prepared) await this.results.record(manager, prepared);
        return this.viewOf(caller, c, now, calendar);
      });
      return { view, resultId: prepared?.id };
    } catch (error) {
      if (prepared) await this.results.discard(prepared);
      throw error;
    }
  }

  /**
   * The electronic result of an issue_result or handle_on_the_spot, signed and stored: judged
   * first as the action will be (so nothing is signed for an action that will be refused), then
   * judged again under the case's lock when it is recorded.
   */
  private async prepareResult(caller: Caller, code: string, request: CaseActionRequest, now: Date, calendar: WorkingCalendar, attached?: AttachedResult): Promise<PreparedResult> {
    const c = await this.cases.find(code);
    if (!c) throw await this.noCase(caller, code);
    if (!WorkflowAccess.readCase.allows(caller, c)) throw ProblemException.notFound('case-not-found', `No case ${code} for your agencies.`);
    // Said first: a second result is refused as such, not as an action the issued case no longer allows.
    await this.results.assertNoneInForce(code);
    const lateness = this.latenessOf(c, now, calendar);
    const outcome = judgeAction(caller, c, lateness, request.action);
    if (!outcome.allowed) throw refusalOf(outcome, c, request.action, lateness);
    const actor = actorOf(caller, outcome.roles, await this.officers.known(this.dataSource.manager, caller.subject));
    return this.results.prepare(c, request.result!, actor, attached);
  }

  /**
   * An action the system takes on another service's event (intake's supplement or withdrawal,
   * postal's delivery), inside that event's inbox transaction. One the case's state no longer
   * allows (it moved on meanwhile) is logged and dropped, so the event is not retried forever.
   */
  async applySystemAction(manager: EntityManager, code: string, action: CaseAction, at: Date, note: string | null): Promise<void> {
    await this.system(manager, code, action, at, await this.calendars.calendar(), note);
  }

  /**
   * The post could not deliver the result after the allowed attempts and brought it back to the
   * agency (postal's ShipmentStatusChanged `returned_to_sender`). The case keeps its result ready
   * for the applicant to collect at the counter, where an officer marks it returned; the control
   * sheet records the hand-back and the applicant's progress says where the result is.
   */
  async recordResultReturnedByPost(manager: EntityManager, code: string, at: Date, note: string | null): Promise<void> {
    const c = await this.cases.locked(code, manager);
    const effect = c ? takeResultBackFromPost(c, at, note) : null;
    if (!c || !effect) {
      this.logger.warn(`result of ${code} back from the post ignored: ${c ? `the case is ${c.state}` : 'no case'}`);
      return;
    }
    await this.commit(manager, c, effect);
  }

  async currentSpent(c: Case, now: Date, calendar?: WorkingCalendar): Promise<number> {
    if (FINAL_CASE_STATES.includes(c.state) || c.state === 'result_ready') return 0;
    const step = c.steps[c.stepIndex];
    if (!step.startedAt) return 0;
    const cal = calendar ?? (await this.calendars.calendar());
    return Math.max(0, Math.round(cal.workingMinutesBetween(new Date(step.startedAt), c.pausedAt ?? now)) - step.pausedMinutes);
  }

  private async system(manager: EntityManager, code: string, action: CaseAction, at: Date, calendar: WorkingCalendar, note: string | null, input: CaseActionInput = {}): Promise<void> {
    const c = await this.cases.locked(code, manager);
    if (!c) {
      this.logger.warn(`${action} for ${code}: no case`);
      return;
    }
    const context = this.contextOf(at, SYSTEM_ACTOR, calendar);
    const outcome = transition(positionOf(c, latenessAt(c, context)), action);
    if (!outcome.allowed) {
      this.logger.warn(`${action} for ${code} ignored: ${outcome.reason}`);
      return;
    }
    await this.apply(manager, c, { action, to: outcome.to, advancesStep: outcome.advancesStep }, { ...input, reason: note ?? undefined }, context);
  }

  /** What the action takes besides the officer's request, checked against the case, the directory and the procedure. */
  private async inputOf(manager: EntityManager, c: Case, request: CaseActionRequest): Promise<CaseActionInput> {
    if (request.action === 'mark_returned') await this.requireReturnableHere(manager, c, request);
    if (request.action === 'assign') {
      // Only to an officer of the directory who can do this step here, under the name it knows.
      const officer = await this.officers.assignable(manager, request.assignee!.subject, c.currentAgencyCode, rolesFor('claim', c.currentStepKind));
      return { ...request, assignee: { subject: officer.subject, name: officer.name ?? undefined } };
    }
    if (request.action === 'request_supplement') {
      // Documents of the procedure's list are named as the version the dossier is judged by lists them.
      const missing = request.missingDocuments!;
      // Items in words only are still matched to the list when catalog answers (else kept as extra items).
      const documents = missing.some((m) => m.requirement !== undefined)
        ? await this.catalog.procedureDocuments(c.procedureCode, c.procedureVersionNo)
        : await this.catalog.procedureDocuments(c.procedureCode, c.procedureVersionNo).catch(() => null);
      return { ...request, supplementItems: requestedItems(missing, documents) };
    }
    return request;
  }

  private async apply(manager: EntityManager, c: Case, move: CaseMove, input: CaseActionInput, context: CaseActionContext): Promise<void> {
    const effect = applyCaseAction(c, move, input, context);
    if ('invalid' in effect) throw problemOf(effect);
    await this.commit(manager, c, effect);
  }

  /** Saves what an action did to the case, writes its control-sheet row and announces it, in the caller's transaction. */
  private async commit(manager: EntityManager, c: Case, effect: CaseEffect): Promise<void> {
    Object.assign(c, effect.case);
    await this.cases.save(c, manager);
    await this.handovers.append(c.dossierCode, effect.handover, manager);
    for (const announcement of effect.announcements) {
      if (announcement.kind === 'result_ready') {
        await writeEvent(manager, 'ResultReady', announcement.result);
      } else {
        // The unit's name as catalog gives it now, kept with the step (null when catalog cannot say).
        await writeEvent(manager, 'DossierStatusChanged', statusChangedEvent(c, announcement.change, await this.catalog.unitName(c.currentAgencyCode)));
      }
    }
  }

  /**
   * A result sent by post is returned when the post delivers it (postal's ShipmentStatusChanged).
   * An officer marks it returned only once the post brought it back to the agency (the applicant
   * then collects it at the counter), or with a reason, which the control sheet keeps (the
   * applicant came for it in person, say): never silently before it has left.
   */
  private async requireReturnableHere(manager: EntityManager, c: Case, request: CaseActionRequest): Promise<void> {
    if (c.resultDelivery !== 'post' || request.reason) return;
    if (await this.handovers.backFromPost(c.dossierCode, manager)) return;
    throw ProblemException.conflict(
      'result-goes-by-post',
      'The result goes to the applicant by post: it is marked returned when the post delivers it. To mark it returned here (the applicant collected it in person), give the reason.',
      { currentState: c.state, resultDelivery: c.resultDelivery },
    );
  }

  /**
   * No case for this code. A dossier intake received a moment ago, for the caller's agencies, has
   * its case on the way (DossierReceived is being delivered): a 409 `case-opening` to send again
   * shortly, rather than a 404 that reads as "not yours". Anything else is the usual 404.
   */
  private async noCase(caller: Caller, code: string): Promise<ProblemException> {
    const received = await this.intake.receptionOf(code);
    if (received && WorkflowAccess.readCase.allows(caller, { receivingAgencyCode: received.receivingAgencyCode, competentAgencyCode: received.competentAgencyCode, steps: [] })) {
      return caseOpening(code);
    }
    return ProblemException.notFound('case-not-found', `No case ${code} for your agencies.`);
  }

  private async viewOf(caller: Caller, c: Case, now: Date, calendar: WorkingCalendar): Promise<CaseView> {
    return toCaseView(c, now, await this.currentSpent(c, now, calendar), allowedActionsOf(caller, c, this.latenessOf(c, now, calendar)));
  }

  private contextOf(now: Date, actor: Actor, calendar: WorkingCalendar): CaseActionContext {
    return { now, actor, calendar, atRiskWorkingMinutes: this.config.AT_RISK_WORKING_MINUTES };
  }

  /** The case's lateness at `now` on the working calendar, as the sweep would mark it (see caseLateness). */
  private latenessOf(c: Case, now: Date, calendar: WorkingCalendar): Lateness {
    return latenessAt(c, this.contextOf(now, SYSTEM_ACTOR, calendar));
  }
}
