import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import {
  RECEPTION_NOTES,
  type CaseAction,
  caseLateness,
  type CasePosition,
  type CaseState,
  defaultSteps,
  type DossierReceivedV1,
  dossierStatusOf,
  type DossierWithdrawnV1,
  type EventEnvelope,
  type EventPayload,
  type EventType,
  FINAL_CASE_STATES,
  type Lateness,
  nationalStatusCode,
  type Role,
  rolesFor,
  stepDueAfterWait,
  stepDueAt,
  stepOverdue,
  type SupplementItem,
  supplementItemsOf,
  type SupplementReceivedV1,
  transition,
  type WorkingCalendar,
} from '@onestop/domain';
import { type Caller, Clock, HandleEvent, OutboxRelay, ProblemException, WorkingCalendarClient, writeEvent } from '@onestop/platform';
import { WorkflowConfig } from '../config.js';
import type { CaseActionRequest } from './case.dto.js';
import { Case, type CaseStep } from './case.entity.js';
import { type CaseView, toCaseView } from './case.views.js';
import { allowedActionsOf, judgeAction, positionOf, refusalOf } from './case-permissions.js';
import { OFFICER_ROLES } from '../officers/officer.dto.js';
import { IntakeClient } from '../clients/intake.client.js';
import { OFFICER_TITLES, OfficersService } from '../officers/officers.service.js';
import { WorkflowCatalogClient } from '../catalog/catalog.client.js';
import { answerOf, answerText, itemsOf, outstandingOf, requestedItems, requestText, withAnswer } from './supplement-requests.js';


/** Who does something, for the control sheet and the progress feed. */
interface Actor {
  subject: string;
  name: string | null;
  title: string | null;
}

const SYSTEM: Actor = { subject: 'system', name: null, title: null };
/** The progress entry of an online dossier's acceptance: the words intake uses for a reception online. */
const ONLINE_ACCEPTANCE_NOTE = RECEPTION_NOTES.online;

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

/** An action's input: the officer's request, or what the system acts on (the applicant's supplement), and the items of a supplement request once named. */
type ActionInput = Partial<CaseActionRequest> & { supplement?: SupplementReceivedV1; supplementItems?: SupplementItem[] };

/** Officers of any agency the case passes through, and admins, may read it. */
export function mayReadCase(caller: Caller, c: Pick<Case, 'receivingAgencyCode' | 'competentAgencyCode' | 'steps'>): boolean {
  if (caller.roles.includes('admin')) return true;
  if (!caller.roles.some((r) => (OFFICER_ROLES as readonly Role[]).includes(r))) return false;
  const agencies = new Set([c.receivingAgencyCode, c.competentAgencyCode, ...c.steps.map((s) => s.agencyCode)]);
  return caller.agencyCodes.some((a) => agencies.has(a));
}

/**
 * Processing cases: opened from DossierReceived, moved by officers' actions through the state
 * machine in libs/domain, timed on the working calendar, every hand-over on the control sheet
 * and every status change announced (DossierStatusChanged, ResultReady) in the same transaction.
 */
@Injectable()
export class CasesService {
  private readonly logger = new Logger('Cases');

  constructor(
    @InjectRepository(Case) private readonly cases: Repository<Case>,
    private readonly calendars: WorkingCalendarClient,
    private readonly relay: OutboxRelay,
    private readonly clock: Clock,
    private readonly config: WorkflowConfig,
    private readonly officers: OfficersService,
    private readonly catalog: WorkflowCatalogClient,
    private readonly intake: IntakeClient,
  ) {}

  @HandleEvent({ type: 'DossierReceived', versions: [1] })
  async onDossierReceived(event: EventEnvelope<'DossierReceived', DossierReceivedV1>, manager: EntityManager): Promise<void> {
    const d = event.payload;
    const template = d.steps.length > 0 ? d.steps : defaultSteps(d.processingMinutes, d.receivingAgencyCode, d.competentAgencyCode);
    // The first step's clock starts with the case's. Without the calendar (catalog unreachable)
    // the case still opens, and the lateness sweep computes the step's due time later.
    const calendar = await this.calendars.calendar().catch((error: unknown) => {
      this.logger.warn(`${d.dossierCode}: the first step's due time is left to the sweep, the calendar could not be read (${String(error)})`);
      return null;
    });
    const firstDue = calendar ? stepDueAt(new Date(d.countingFrom), template[0].workingMinutes, calendar) : null;
    const steps: CaseStep[] = template.map((step, index) => ({
      kind: step.kind,
      agencyCode: step.agencyCode,
      workingMinutes: step.workingMinutes,
      startedAt: index === 0 ? d.countingFrom : null,
      dueAt: index === 0 && firstDue ? firstDue.toISOString() : null,
      finishedAt: null,
      spentMinutes: null,
      pausedMinutes: 0,
      officer: null,
    }));
    const inserted = (await manager.query(
      `INSERT INTO cases (dossier_code, procedure_code, procedure_version_no, procedure_name, field_code, level_code, receiving_agency_code,
                          competent_agency_code, channel, result_delivery, received_at, counting_from, processing_minutes, due_at, appointment_at,
                          on_the_spot_eligible, fees_paid_online, state, steps, current_agency_code, current_step_kind, step_due_at, step_overdue, awaiting_acceptance)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14, $15, $16, 'in_step', $17, $18, $19, $20, $21, $22)
       ON CONFLICT (dossier_code) DO NOTHING RETURNING dossier_code`,
      [
        d.dossierCode, d.procedureCode, d.procedureVersionNo, d.procedureName, d.fieldCode, d.levelCode, d.receivingAgencyCode,
        d.competentAgencyCode, d.channel, d.resultDelivery, d.receivedAt, d.countingFrom, d.processingMinutes, d.appointmentAt,
        d.onTheSpot, d.feesPaidOnline, JSON.stringify(steps), steps[0].agencyCode, steps[0].kind,
        firstDue, stepOverdue(firstDue, null, this.clock.now()), d.awaitingAcceptance === true,
      ],
    )) as unknown[];
    if (inserted.length === 0) return;
    if (!firstDue) await manager.query(`INSERT INTO step_clock_pending (dossier_code) VALUES ($1) ON CONFLICT DO NOTHING`, [d.dossierCode]);
    await this.recordHandover(manager, d.dossierCode, new Date(d.receivedAt), 'receive', { unit: null, officer: null }, { unit: d.receivingAgencyCode, officer: d.receivedBy }, 'Tiếp nhận hồ sơ', null);
  }

  @HandleEvent({ type: 'SupplementReceived', versions: [1] })
  async onSupplementReceived(event: EventEnvelope<'SupplementReceived', SupplementReceivedV1>, manager: EntityManager): Promise<void> {
    const supplement = event.payload;
    // A partial answer is recorded and the clock stays stopped; the answer that completes the request resumes it.
    if (supplement.complete === false) {
      await this.recordPartialSupplement(manager, supplement);
      return;
    }
    await this.system(manager, supplement.dossierCode, 'resume', new Date(supplement.receivedAt), await this.calendars.calendar(), supplement.note, { supplement });
  }

  /** Part of what a supplement request asked for came: kept on the request and the control sheet, the case still waits for the rest. */
  private async recordPartialSupplement(manager: EntityManager, supplement: SupplementReceivedV1): Promise<void> {
    const c = await manager.findOne(Case, { where: { dossierCode: supplement.dossierCode }, lock: { mode: 'pessimistic_write' } });
    const index = (c?.supplementRequests.length ?? 0) - 1;
    const record = c && index >= 0 ? c.supplementRequests[index] : undefined;
    if (!c || c.state !== 'awaiting_supplement' || !record || record.answeredAt !== null) {
      this.logger.warn(`partial supplement for ${supplement.dossierCode} ignored: ${c ? `the case is ${c.state}` : 'no case'}`);
      return;
    }
    const answer = answerOf(supplement, itemsOf(record));
    const answered = withAnswer(record, answer);
    c.supplementRequests = c.supplementRequests.map((r, i) => (i === index ? answered : r));
    await manager.update(Case, { dossierCode: c.dossierCode }, { supplementRequests: c.supplementRequests });
    await this.recordHandover(
      manager,
      c.dossierCode,
      new Date(supplement.receivedAt),
      'supplement_received',
      { unit: null, officer: 'applicant' },
      { unit: c.currentAgencyCode, officer: c.assignee },
      `Nhận một phần hồ sơ bổ sung: ${answerText(answer, outstandingOf(answered))}`,
      supplement.note,
    );
  }

  /**
   * Withdrawals intake announced before it asked this service first (events already stored
   * when the system was upgraded): applied if the case still allows it. Since then intake asks
   * `withdraw` and announces only what this service accepted, so the case is withdrawn already.
   */
  @HandleEvent({ type: 'DossierWithdrawn', versions: [1] })
  async onDossierWithdrawn(event: EventEnvelope<'DossierWithdrawn', DossierWithdrawnV1>, manager: EntityManager): Promise<void> {
    const state = (await manager.query(`SELECT state FROM cases WHERE dossier_code = $1`, [event.payload.dossierCode])) as { state: CaseState }[];
    if (state[0]?.state === 'withdrawn') return;
    await this.applySystemAction(manager, event.payload.dossierCode, 'withdraw', new Date(event.payload.withdrawnAt), event.payload.reason);
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
    const outcome = await this.cases.manager.transaction(async (manager) => {
      const c = await manager.findOne(Case, { where: { dossierCode: code }, lock: { mode: 'pessimistic_write' } });
      if (!c) {
        throw ProblemException.conflict('case-opening', `The dossier ${code} was received a moment ago and its case is being opened; try again in a second.`).withRetryAfter(1);
      }
      if (c.state === 'withdrawn' && c.outcome?.kind === 'withdrawal') return withdrawalOf(c);
      const now = this.clock.now();
      const transitionTo = transition(positionOf(c, this.latenessOf(c, now, calendar)), 'withdraw');
      if (!transitionTo.allowed) {
        throw ProblemException.conflict('dossier-not-withdrawable', `The dossier can no longer be withdrawn: ${transitionTo.reason}.`, { currentStatus: dossierStatusOf(c.state, c.currentStepKind, c.stepIndex, c.awaitingAcceptance) });
      }
      await this.apply(manager, c, 'withdraw', transitionTo.to, false, SYSTEM, now, calendar, { reason });
      return withdrawalOf(c);
    });
    this.relay.nudge();
    return outcome;
  }

  async view(caller: Caller, code: string): Promise<CaseView> {
    const c = await this.cases.findOneBy({ dossierCode: code });
    if (!c) throw await this.noCase(caller, code);
    if (!mayReadCase(caller, c)) throw ProblemException.notFound('case-not-found', `No case ${code} for your agencies.`);
    const now = this.clock.now();
    const calendar = await this.calendars.calendar();
    return toCaseView(c, now, await this.currentSpent(c, now, calendar), allowedActionsOf(caller, c, this.latenessOf(c, now, calendar)));
  }

  /**
   * An officer's action: allowed by the state machine, by role and agency of the step, by
   * assignment (judgeAction, which also lists a case's `allowedActions`), then by its input.
   */
  async act(caller: Caller, code: string, request: CaseActionRequest): Promise<CaseView> {
    const calendar = await this.calendars.calendar();
    const now = this.clock.now();
    const view = await this.cases.manager.transaction(async (manager) => {
      const c = await manager.findOne(Case, { where: { dossierCode: code }, lock: { mode: 'pessimistic_write' } });
      if (!c) throw await this.noCase(caller, code);
      if (!mayReadCase(caller, c)) throw ProblemException.notFound('case-not-found', `No case ${code} for your agencies.`);
      // Judged on the clock now, not on the sweep's mark, which lags it by up to a sweep.
      const lateness = this.latenessOf(c, now, calendar);
      const outcome = judgeAction(caller, c, lateness, request.action);
      if (!outcome.allowed) throw refusalOf(outcome, c, request.action, lateness);
      // The case is written with the action: its mark says what was judged (the sweep marks only cases at a step).
      if (c.state === 'in_step') c.lateness = lateness;
      const roles = outcome.roles;
      if (request.action === 'mark_returned') await this.requireReturnableHere(manager, c, request);
      if (request.action === 'assign') {
        // Only to an officer of the directory who can do this step here, under the name it knows.
        const officer = await this.officers.assignable(manager, request.assignee!.subject, c.currentAgencyCode, rolesFor('claim', c.currentStepKind));
        request = { ...request, assignee: { subject: officer.subject, name: officer.name ?? undefined } };
      }
      let input: ActionInput = request;
      if (request.action === 'request_supplement') {
        // Documents of the procedure's list are named as the version the dossier is judged by lists them.
        const missing = request.missingDocuments!;
        // Items in words only are still matched to the list when catalog answers (else kept as extra items).
        const documents = missing.some((m) => m.requirement !== undefined)
          ? await this.catalog.procedureDocuments(c.procedureCode, c.procedureVersionNo)
          : await this.catalog.procedureDocuments(c.procedureCode, c.procedureVersionNo).catch(() => null);
        input = { ...request, supplementItems: requestedItems(missing, documents) };
      }
      await this.apply(manager, c, request.action, outcome.to, outcome.advancesStep, actorOf(caller, roles, await this.officers.known(manager, caller.subject)), now, calendar, input);
      return toCaseView(c, now, await this.currentSpent(c, now, calendar), allowedActionsOf(caller, c, this.latenessOf(c, now, calendar)));
    });
    this.relay.nudge();
    return view;
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
    const c = await manager.findOne(Case, { where: { dossierCode: code }, lock: { mode: 'pessimistic_write' } });
    if (!c || c.state !== 'result_ready') {
      this.logger.warn(`result of ${code} back from the post ignored: ${c ? `the case is ${c.state}` : 'no case'}`);
      return;
    }
    await this.recordHandover(manager, code, at, 'postal_return', { unit: null, officer: 'postal' }, { unit: c.currentAgencyCode, officer: null }, 'Bưu điện chuyển trả kết quả: không phát được cho công dân', note);
    await this.announce(manager, c, 'processed', at, SYSTEM, 'Bưu điện không phát được kết quả và đã chuyển trả về bộ phận một cửa; công dân nhận kết quả tại bộ phận một cửa');
  }

  private async system(manager: EntityManager, code: string, action: CaseAction, at: Date, calendar: WorkingCalendar, note: string | null, input: ActionInput = {}): Promise<void> {
    const c = await manager.findOne(Case, { where: { dossierCode: code }, lock: { mode: 'pessimistic_write' } });
    if (!c) {
      this.logger.warn(`${action} for ${code}: no case`);
      return;
    }
    const outcome = transition(positionOf(c, this.latenessOf(c, at, calendar)), action);
    if (!outcome.allowed) {
      this.logger.warn(`${action} for ${code} ignored: ${outcome.reason}`);
      return;
    }
    await this.apply(manager, c, action, outcome.to, outcome.advancesStep, SYSTEM, at, calendar, { ...input, action: action as never, reason: note ?? undefined });
  }

  private async apply(
    manager: EntityManager,
    c: Case,
    action: CaseAction,
    to: CaseState,
    advancesStep: boolean,
    actor: Actor,
    now: Date,
    calendar: WorkingCalendar,
    request: ActionInput,
  ): Promise<void> {
    const from = { unit: c.currentAgencyCode, officer: actor.subject };
    const previousStatus = dossierStatusOf(c.state, c.currentStepKind, c.stepIndex, c.awaitingAcceptance);
    let result = '';
    let content = '';
    switch (action) {
      case 'accept': {
        // Tiếp nhận: the time limit counts from the acceptance, as at the counter from the receipt.
        c.awaitingAcceptance = false;
        c.acceptedAt = now;
        c.countingFrom = calendar.countingStart(now);
        c.dueAt = calendar.addWorkingMinutes(now, c.processingMinutes);
        c.appointmentAt = c.dueAt;
        this.startStep(c, now, calendar);
        result = 'Tiếp nhận hồ sơ trực tuyến';
        content = ONLINE_ACCEPTANCE_NOTE;
        break;
      }
      case 'claim':
        c.assignee = actor.subject;
        c.assigneeName = actor.name;
        result = 'Nhận xử lý hồ sơ';
        break;
      case 'assign':
        c.assignee = request.assignee!.subject;
        c.assigneeName = request.assignee!.name ?? null;
        result = `Phân công cho ${c.assigneeName ?? c.assignee}`;
        break;
      case 'forward':
      case 'appraise':
      case 'approve':
        result = action === 'appraise' ? `Thẩm định: ${request.opinion}` : action === 'approve' ? 'Phê duyệt' : 'Chuyển xử lý';
        content = action === 'appraise' ? 'Đã thẩm định, chuyển phê duyệt' : action === 'approve' ? 'Đã phê duyệt' : 'Chuyển xử lý';
        if (to === 'result_ready') {
          this.requireResult(request);
          this.finishStep(c, now, actor, calendar);
          c.outcome = { kind: 'result', at: now.toISOString(), by: actor.subject, resultKind: request.result!.kind, documentNumber: request.result!.documentNumber, summary: request.result!.summary };
          c.finishedAt = now;
          break;
        }
        this.finishStep(c, now, actor, calendar);
        c.stepIndex += 1;
        this.startStep(c, now, calendar);
        c.currentAgencyCode = c.steps[c.stepIndex].agencyCode;
        c.currentStepKind = c.steps[c.stepIndex].kind;
        c.assignee = null;
        c.assigneeName = null;
        break;
      case 'refuse':
        this.finishStep(c, now, actor, calendar);
        c.outcome = { kind: 'refusal', at: now.toISOString(), by: actor.subject, reason: request.reason };
        c.finishedAt = now;
        result = `Từ chối: ${request.reason}`;
        content = `Hồ sơ không đủ điều kiện giải quyết: ${request.reason}`;
        break;
      case 'request_supplement': {
        // Form 02's items: documents of the procedure's list by position, extra ones in words.
        const items = request.supplementItems ?? requestedItems(request.missingDocuments ?? [], null);
        c.pausedAt = now;
        c.supplementRequest = { requestedAt: now.toISOString(), requestedBy: actor.subject, documents: items, note: request.note ?? null };
        c.supplementRequests = [
          ...c.supplementRequests,
          { ...c.supplementRequest, stepKind: c.currentStepKind, agencyCode: c.currentAgencyCode, answeredAt: null, answerNote: null, waitedMinutes: null, answers: [] },
        ];
        result = `Yêu cầu bổ sung: ${requestText(items)}`;
        content = `Yêu cầu bổ sung hồ sơ: ${requestText(items)}`;
        break;
      }
      case 'resume': {
        // The clock stopped while the applicant supplemented; the due date moves out by the wait.
        const waited = Math.round(calendar.workingMinutesBetween(c.pausedAt!, now));
        c.steps[c.stepIndex].pausedMinutes += waited;
        c.waitedMinutes += waited;
        c.dueAt = calendar.addWorkingMinutes(c.dueAt, waited);
        // The step's share stood still too: its due time moves out by the same wait.
        if (c.stepDueAt) {
          c.stepDueAt = stepDueAfterWait(c.stepDueAt, waited, calendar);
          c.steps[c.stepIndex].dueAt = c.stepDueAt.toISOString();
        }
        c.appointmentAt = c.apology && new Date(c.apology.newAppointmentAt) > c.dueAt ? new Date(c.apology.newAppointmentAt) : c.dueAt;
        c.pausedAt = null;
        // The request stays on the case's history, answered, with what came; only the one awaited is cleared.
        const last = c.supplementRequests.length - 1;
        const awaited = last >= 0 && c.supplementRequests[last].answeredAt === null ? c.supplementRequests[last] : null;
        const answer = awaited && request.supplement ? answerOf(request.supplement, itemsOf(awaited)) : null;
        c.supplementRequests = c.supplementRequests.map((r, i) =>
          i === last && awaited ? { ...(answer ? withAnswer(r, answer) : r), answeredAt: now.toISOString(), answerNote: request.reason ?? null, waitedMinutes: waited } : r,
        );
        c.supplementRequest = null;
        c.lateness = this.latenessOf(c, now, calendar);
        result = answer ? `Nhận hồ sơ bổ sung, tiếp tục giải quyết: ${answerText(answer, [])}` : 'Nhận hồ sơ bổ sung, tiếp tục giải quyết';
        content = 'Đã nhận hồ sơ bổ sung, tiếp tục giải quyết';
        break;
      }
      case 'stop':
        this.finishStep(c, now, actor, calendar);
        c.outcome = { kind: 'stop', at: now.toISOString(), by: actor.subject, reason: request.reason };
        c.finishedAt = now;
        result = `Dừng xử lý: ${request.reason}`;
        content = `Dừng giải quyết hồ sơ: ${request.reason}`;
        break;
      case 'issue_result':
        this.finishStep(c, now, actor, calendar);
        c.outcome = { kind: 'result', at: now.toISOString(), by: actor.subject, resultKind: request.result!.kind, documentNumber: request.result!.documentNumber, summary: request.result!.summary };
        c.finishedAt = now;
        result = `Có kết quả: ${request.result!.documentNumber}`;
        break;
      case 'mark_returned':
        result = request.reason ? `Đã trả kết quả cho công dân: ${request.reason}` : 'Đã trả kết quả cho công dân';
        content = 'Đã trả kết quả';
        break;
      case 'handle_on_the_spot':
        // "4 tại chỗ": the one officer receives, appraises, approves and returns in the visit.
        for (let i = c.stepIndex; i < c.steps.length; i++) {
          c.stepIndex = i;
          if (!c.steps[i].startedAt) this.startStep(c, now, calendar);
          this.finishStep(c, now, actor, calendar);
        }
        c.handledOnTheSpot = true;
        c.outcome = { kind: 'result', at: now.toISOString(), by: actor.subject, resultKind: request.result!.kind, documentNumber: request.result!.documentNumber, summary: request.result!.summary };
        c.finishedAt = now;
        result = `Giải quyết tại chỗ (4 tại chỗ), trả kết quả ${request.result!.documentNumber}`;
        content = 'Đã giải quyết và trả kết quả tại chỗ';
        break;
      case 'apologise': {
        const newDate = new Date(request.newAppointmentAt!);
        if (newDate <= c.appointmentAt) {
          throw ProblemException.unprocessable('invalid-new-appointment', 'The new appointment must be after the current one.', [
            { field: 'newAppointmentAt', reason: `must be after the current appointment ${c.appointmentAt.toISOString()}` },
          ]);
        }
        if (newDate <= now) {
          throw ProblemException.unprocessable('invalid-new-appointment', 'The new appointment must be in the future.', [
            { field: 'newAppointmentAt', reason: `must be after now (${now.toISOString()})` },
          ]);
        }
        c.apology = { issuedAt: now.toISOString(), issuedBy: actor.subject, unitCode: c.currentAgencyCode, reason: request.reason!, previousAppointmentAt: c.appointmentAt.toISOString(), newAppointmentAt: newDate.toISOString() };
        c.appointmentAt = newDate;
        result = `Xin lỗi và hẹn lại ngày trả kết quả: ${request.reason}`;
        content = `Xin lỗi công dân vì chậm trễ, hẹn lại ngày trả kết quả (${request.reason})`;
        break;
      }
      case 'withdraw':
        if (c.state === 'in_step' || c.state === 'awaiting_supplement') this.finishStep(c, now, actor, calendar);
        c.outcome = { kind: 'withdrawal', at: now.toISOString(), by: 'applicant', reason: request.reason };
        c.finishedAt = now;
        result = `Công dân rút hồ sơ${request.reason ? `: ${request.reason}` : ''}`;
        // The applicant's and the officers' progress keeps the reason; the public lookup words it in standard words.
        content = result;
        break;
    }
    c.state = to;
    // The current step's mark, judged now as the sweep would; a case at no step has no step clock.
    if (to === 'in_step' || to === 'awaiting_supplement') {
      c.stepOverdue = stepOverdue(c.stepDueAt, c.pausedAt, now);
    } else {
      c.stepDueAt = null;
      c.stepOverdue = false;
    }
    const toParty = advancesStep ? { unit: c.currentAgencyCode, officer: null } : { unit: c.currentAgencyCode, officer: c.assignee };
    await manager.save(c);
    await this.recordHandover(manager, c.dossierCode, now, action, from, toParty, result, request.note ?? null);

    const status = dossierStatusOf(c.state, c.currentStepKind, c.stepIndex, c.awaitingAcceptance);
    if (action === 'issue_result' || action === 'handle_on_the_spot' || (to === 'result_ready' && action !== 'mark_returned')) {
      await this.announce(manager, c, 'processed', now, actor, `Đã có kết quả: ${c.outcome!.documentNumber}`);
      await this.publish(manager, 'ResultReady', {
        dossierCode: c.dossierCode,
        agencyCode: c.currentAgencyCode,
        deliveryMethod: c.resultDelivery,
        resultKind: c.outcome!.resultKind!,
        documentNumber: c.outcome!.documentNumber!,
        readyAt: now.toISOString(),
      });
      // An electronic result for online delivery reaches the applicant as it is issued.
      const returnedNow = action === 'handle_on_the_spot' || (c.outcome!.resultKind === 'electronic' && c.resultDelivery === 'online');
      if (returnedNow) {
        c.state = 'returned';
        await manager.save(c);
        await this.announce(manager, c, 'returned', now, actor, action === 'handle_on_the_spot' ? content : 'Đã trả kết quả điện tử');
      }
      return;
    }
    if (status !== previousStatus || advancesStep || action === 'apologise' || action === 'resume') {
      await this.announce(manager, c, status, now, actor, content || result);
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
    const back = (await manager.query(`SELECT 1 FROM handovers WHERE dossier_code = $1 AND action = 'postal_return' LIMIT 1`, [c.dossierCode])) as unknown[];
    if (back.length > 0) return;
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
    if (received && mayReadCase(caller, { receivingAgencyCode: received.receivingAgencyCode, competentAgencyCode: received.competentAgencyCode, steps: [] })) {
      return ProblemException.conflict('case-opening', `The dossier ${code} was received a moment ago and its case is being opened; try again in a second.`).withRetryAfter(1);
    }
    return ProblemException.notFound('case-not-found', `No case ${code} for your agencies.`);
  }

  /** Starts the current step's clock at `now`: its due time is its share in working minutes from now. */
  private startStep(c: Case, now: Date, calendar: WorkingCalendar): void {
    const step = c.steps[c.stepIndex];
    const due = stepDueAt(now, step.workingMinutes, calendar);
    step.startedAt = now.toISOString();
    step.dueAt = due.toISOString();
    c.stepDueAt = due;
  }

  /** Closes the current step's clock: working time from its start, less time waiting for supplements. */
  private finishStep(c: Case, now: Date, actor: Actor, calendar: WorkingCalendar): void {
    const step = c.steps[c.stepIndex];
    const end = c.pausedAt ?? now;
    step.finishedAt = now.toISOString();
    step.spentMinutes = Math.max(0, Math.round(calendar.workingMinutesBetween(new Date(step.startedAt ?? c.countingFrom), end)) - step.pausedMinutes);
    step.officer = actor.subject === 'system' ? step.officer : actor.subject;
  }

  async currentSpent(c: Case, now: Date, calendar?: WorkingCalendar): Promise<number> {
    if (FINAL_CASE_STATES.includes(c.state) || c.state === 'result_ready') return 0;
    const step = c.steps[c.stepIndex];
    if (!step.startedAt) return 0;
    const cal = calendar ?? (await this.calendars.calendar());
    return Math.max(0, Math.round(cal.workingMinutesBetween(new Date(step.startedAt), c.pausedAt ?? now)) - step.pausedMinutes);
  }

  /** The case's lateness at `now` on the working calendar, as the sweep would mark it (see caseLateness). */
  private latenessOf(c: Case, now: Date, calendar: WorkingCalendar): Lateness {
    return caseLateness(c.dueAt, c.pausedAt, now, calendar, this.config.AT_RISK_WORKING_MINUTES);
  }

  private requireResult(request: Partial<CaseActionRequest>): void {
    if (!request.result) throw ProblemException.badRequest('validation-failed', 'This approval ends the procedure: give the result issued.', [{ field: 'result', reason: 'is required at the last step' }]);
  }

  /** DossierStatusChanged: the status, and the step for the national portal's progress feed. */
  private async announce(manager: EntityManager, c: Case, status: ReturnType<typeof dossierStatusOf>, at: Date, actor: Actor, content: string): Promise<void> {
    c.statusSequence += 1;
    await manager.update(Case, { dossierCode: c.dossierCode }, { statusSequence: c.statusSequence });
    await this.publish(manager, 'DossierStatusChanged', {
      dossierCode: c.dossierCode,
      status,
      nationalStatusCode: nationalStatusCode(status),
      at: at.toISOString(),
      unitCode: c.currentAgencyCode,
      // The unit's name as catalog gives it now, kept with the step (null when catalog cannot say).
      unitName: await this.catalog.unitName(c.currentAgencyCode),
      officerName: actor.name,
      officerTitle: actor.title,
      content,
      appointmentAt: c.appointmentAt.toISOString(),
      dueAt: c.dueAt.toISOString(),
      sequence: c.statusSequence,
      // What the applicant is asked for, so intake takes the answer against it.
      ...(status === 'supplement_requested' && c.supplementRequest
        ? { supplementRequest: { requestedAt: c.supplementRequest.requestedAt, items: supplementItemsOf(c.supplementRequest.documents), note: c.supplementRequest.note } }
        : {}),
      apology: c.apology ? { issuedAt: c.apology.issuedAt, newAppointmentAt: c.apology.newAppointmentAt } : null,
    });
  }

  private async publish<T extends EventType>(manager: EntityManager, type: T, payload: EventPayload<T>): Promise<void> {
    await writeEvent(manager, type, payload);
  }

  private async recordHandover(
    manager: EntityManager,
    code: string,
    at: Date,
    action: string,
    from: { unit: string | null; officer: string | null },
    to: { unit: string | null; officer: string | null },
    result: string,
    note: string | null,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO handovers (dossier_code, at, action, from_unit, from_officer, to_unit, to_officer, result, note) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [code, at, action, from.unit, from.officer, to.unit, to.officer, result, note],
    );
  }
}

export { positionOf } from './case-permissions.js';
