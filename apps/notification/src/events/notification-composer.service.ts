import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  afterQuietHours,
  type ApplicantChannel,
  type ComplaintContact,
  type DossierContact,
  maskRecipient,
  parseQuietHours,
  type QuietHours,
  renderTemplate,
  REQUIRED_KINDS,
  smsText,
} from '@onestop/domain';
import { Clock } from '@onestop/platform';
import { IntakeClient } from '../clients/intake.client.js';
import { WorkflowClient } from '../clients/workflow.client.js';
import { NotificationConfig } from '../config.js';
import { MessageDispatcher } from '../messages/message-dispatcher.service.js';
import { MessagesRepository, type NewMessage } from '../messages/messages.repository.js';
import { NoticesRepository } from '../notices/notices.repository.js';
import { PreferencesRepository } from '../preferences/preferences.repository.js';
import { TemplatesService } from '../templates/templates.service.js';
import type { Occurrence, Values } from './occurrences.js';

/** A payment lapsing this soon after the quiet hours end is told at once, whatever the hour. */
const URGENT_MARGIN_MS = 2 * 3_600_000;

/** Whom to write to, on which channel: each channel once. */
interface Addressee {
  channel: ApplicantChannel;
  recipient: string;
}

/**
 * Turns what an event tells (its occurrences) into the messages and notices it makes, inside
 * the event's inbox transaction: the applicant's contact from intake, their preferences, the
 * templates in force, quiet hours. Each message is one row keyed by event, channel and
 * recipient, so a second delivery of the event adds nothing; the dispatcher sends them after
 * the commit. A dossier or case the other services do not know is logged and dropped.
 */
@Injectable()
export class NotificationComposer {
  private readonly logger = new Logger('Notifications');
  private readonly quiet: QuietHours | null;
  private readonly publicApiUrl: string;

  constructor(
    private readonly intake: IntakeClient,
    private readonly workflow: WorkflowClient,
    private readonly templates: TemplatesService,
    private readonly preferences: PreferencesRepository,
    private readonly messages: MessagesRepository,
    private readonly notices: NoticesRepository,
    private readonly dispatcher: MessageDispatcher,
    private readonly clock: Clock,
    config: NotificationConfig,
  ) {
    this.quiet = parseQuietHours(config.QUIET_HOURS) ?? null;
    this.publicApiUrl = config.PUBLIC_API_URL.replace(/\/+$/, '');
  }

  async compose(eventId: string, occurrences: Occurrence[], manager: EntityManager): Promise<void> {
    for (const occurrence of occurrences) {
      if (occurrence.audience === 'officers') await this.notify(eventId, occurrence, manager);
      else await this.write(eventId, occurrence, manager);
    }
  }

  private async notify(eventId: string, occurrence: Extract<Occurrence, { audience: 'officers' }>, manager: EntityManager): Promise<void> {
    const holders = await this.workflow.noticeRecipients(occurrence.dossierCode);
    if (!holders) {
      this.logger.warn(`${occurrence.kind} of ${occurrence.dossierCode}: workflow has no case; no notice`);
      return;
    }
    const unit = holders.officers;
    const assignee = holders.assignee ? [holders.assignee] : [];
    const to = occurrence.to === 'assignee' ? assignee : occurrence.to === 'unit' ? unit : assignee.length ? assignee : unit;
    if (to.length === 0) return;
    const template = (await this.templates.inForce(occurrence.kind)).get('in_app')!;
    const values: Values = { dossierCode: occurrence.dossierCode, unitName: holders.agencyCode, ...occurrence.values };
    const now = this.clock.now();
    await this.notices.insert(
      to.map((recipient) => ({
        id: randomUUID(),
        eventId,
        recipient,
        kind: occurrence.kind,
        dossierCode: occurrence.dossierCode,
        title: renderTemplate(template.subject ?? '', values),
        body: renderTemplate(template.body, values),
        createdAt: now,
      })),
      manager,
    );
  }

  private async write(eventId: string, occurrence: Exclude<Occurrence, { audience: 'officers' }>, manager: EntityManager): Promise<void> {
    const target = occurrence.audience === 'applicant' ? await this.intake.dossierContact(occurrence.dossierCode) : await this.intake.complaintContact(occurrence.complaintId);
    if (!target) {
      this.logger.warn(`${occurrence.kind}: intake does not know ${occurrence.audience === 'applicant' ? occurrence.dossierCode : occurrence.complaintId}; no message`);
      return;
    }
    const values: Values = { ...valuesOf(target), ...occurrence.values };
    if (occurrence.audience === 'applicant' && occurrence.result && 'lookupCode' in target) {
      const electronic = occurrence.result.resultKind === 'electronic';
      values.howToCollect = electronic || occurrence.result.deliveryMethod === 'online' ? 'trực tuyến trên Cổng dịch vụ công' : `tại Bộ phận một cửa của ${target.receivingAgencyName}`;
      // The signed PDF, opened with the receipt's lookup code as intake's download takes it.
      if (electronic) values.downloadLink = `${this.publicApiUrl}/dossiers/${encodeURIComponent(target.dossierCode)}/result?secret=${target.lookupCode}`;
    }
    const required = (REQUIRED_KINDS as readonly string[]).includes(occurrence.kind);
    const now = this.clock.now();
    const quietEnd = afterQuietHours(now, this.quiet);
    const urgent = occurrence.audience === 'applicant' && !!occurrence.expiresAt && new Date(occurrence.expiresAt).getTime() < quietEnd.getTime() + URGENT_MARGIN_MS;
    const templates = await this.templates.inForce(occurrence.kind);
    const addressees = await this.addresseesOf(target, required);
    const rows: NewMessage[] = addressees.map(({ channel, recipient }) => {
      const template = templates.get(channel)!;
      const rendered = renderTemplate(template.body, values);
      return {
        id: randomUUID(),
        eventId,
        kind: occurrence.kind,
        channel,
        recipient,
        dossierCode: target.dossierCode,
        complaintId: 'complaintId' in target ? target.complaintId : null,
        subject: template.subject === null ? null : renderTemplate(template.subject, values),
        body: channel === 'sms' ? smsText(rendered).text : rendered,
        providerTemplateId: template.providerTemplateId,
        templateData: channel === 'zalo' ? Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v ?? ''])) : null,
        required,
        // Email waits for no one; SMS and Zalo wait for the morning unless it cannot wait.
        notBefore: channel === 'email' || urgent ? now : quietEnd,
        createdAt: now,
      };
    });
    const inserted = await this.messages.insert(rows, manager);
    if (inserted > 0) {
      this.logger.log(`${occurrence.kind}: ${rows.map((r) => `${r.channel} to ${maskRecipient(r.recipient)}`).join(', ')}`);
      this.dispatcher.nudge();
    }
  }

  /**
   * The channels the applicant is reached on: SMS to the phone given and email to the address
   * given (an organisation's one address instead, when it gave one), unless their account turned
   * the channel off, and Zalo once they linked it. What the law requires goes by SMS whatever
   * they chose.
   */
  private async addresseesOf(target: DossierContact | ComplaintContact, required: boolean): Promise<Addressee[]> {
    const person = 'applicant' in target ? target.applicant : target.complainant;
    const chosen = target.ownerSubject ? await this.preferences.find(target.ownerSubject) : undefined;
    const organisationEmail = 'applicant' in target && target.applicant.kind === 'organisation' ? (await this.preferences.organisation(target.applicant.idNumber))?.email : undefined;
    const email = organisationEmail ?? person.email;
    const addressees: Addressee[] = [];
    if (required || (chosen?.sms ?? true)) addressees.push({ channel: 'sms', recipient: person.phone });
    if (email && (chosen?.email ?? true)) addressees.push({ channel: 'email', recipient: email });
    if (chosen?.zalo && chosen.zalo_phone) addressees.push({ channel: 'zalo', recipient: chosen.zalo_phone });
    return addressees;
  }
}

function valuesOf(target: DossierContact | ComplaintContact): Values {
  if ('applicant' in target) {
    return { applicantName: target.applicant.name, dossierCode: target.dossierCode, lookupCode: target.lookupCode, procedureName: target.procedureName, agencyName: target.receivingAgencyName };
  }
  return { applicantName: target.complainant.name, dossierCode: target.dossierCode ?? '', complaintSubject: target.subject };
}

