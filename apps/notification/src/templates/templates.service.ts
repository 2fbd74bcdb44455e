import { Injectable } from '@nestjs/common';
import {
  channelsOf,
  checkPlaceholders,
  defaultTemplate,
  formatLocal,
  isApplicantMessageKind,
  type MessageTemplate,
  NOTIFICATION_KINDS,
  type NotificationKind,
  PLACEHOLDERS,
  renderTemplate,
  sampleValues,
  smsText,
  type TemplateChannel,
} from '@onestop/domain';
import { type Caller, Clock, decodeCursor, type Page, ProblemException, toPage } from '@onestop/platform';
import type { SaveTemplateRequest } from './template.dto.js';
import type { TemplateView } from './template.views.js';
import { type TemplateRow, TemplatesRepository } from './templates.repository.js';

/** An SMS longer than this many segments is refused on save: brand-name SMS are paid per segment. */
export const MAX_SMS_SEGMENTS = 2;

const ALL = NOTIFICATION_KINDS.flatMap((kind) => channelsOf(kind).map((channel) => ({ kind, channel })));

/**
 * The words of each kind on each channel: the built-in Vietnamese ones until an administrator
 * saves their own, checked on save (every placeholder known for the kind, an SMS within two
 * segments), and rendered for each message from the wording in force when its event arrived.
 */
@Injectable()
export class TemplatesService {
  constructor(
    private readonly templates: TemplatesRepository,
    private readonly clock: Clock,
  ) {}

  async list(limit: number, cursor: string | undefined): Promise<Page<TemplateView>> {
    const from = cursor ? decodeCursor(cursor, { after: 'integer' }).after + 1 : 0;
    const saved = new Map((await this.templates.all()).map((row) => [`${row.kind}/${row.channel}`, row]));
    const rows = ALL.slice(from, from + limit + 1).map((entry, i) => ({ ...entry, index: from + i }));
    const page = toPage(rows, limit, (last) => ({ after: last.index }));
    return { items: page.items.map(({ kind, channel }) => this.view(kind, channel, saved.get(`${kind}/${channel}`))), nextCursor: page.nextCursor };
  }

  async read(kind: string, channel: string): Promise<TemplateView> {
    const [k, c] = this.known(kind, channel);
    return this.view(k, c, await this.templates.find(k, c));
  }

  async save(caller: Caller, kind: string, channel: string, request: SaveTemplateRequest): Promise<TemplateView> {
    const [k, c] = this.known(kind, channel);
    const titled = c === 'email' || c === 'in_app';
    if (titled && !request.subject) throw ProblemException.badRequest('validation-failed', `A ${c} template needs a subject.`, [{ field: 'subject', reason: c === 'email' ? 'an email needs a subject' : 'a notice needs a title' }]);
    if (!titled && request.subject) throw ProblemException.badRequest('validation-failed', `A ${c} message has no subject.`, [{ field: 'subject', reason: `a ${c} message has no subject; leave it out` }]);
    if (c !== 'zalo' && request.providerTemplateId) throw ProblemException.badRequest('validation-failed', 'Only Zalo templates have a provider template id.', [{ field: 'providerTemplateId', reason: 'only Zalo templates have one' }]);
    const problems = [
      ...checkPlaceholders(k, request.body).map((p) => ({ ...p, field: 'body' })),
      ...checkPlaceholders(k, request.subject ?? '').map((p) => ({ ...p, field: 'subject' })),
    ];
    if (problems.length > 0) {
      const unknown = problems.filter((p) => p.code === 'unknown-placeholder').map((p) => p.placeholder);
      throw new ProblemException(
        400,
        problems.some((p) => p.code === 'unknown-placeholder') ? 'unknown-placeholder' : 'validation-failed',
        'Bad request',
        unknown.length ? `Unknown placeholder${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `{{${n}}}`).join(', ')} for ${k}.` : 'A placeholder is malformed.',
        { errors: problems.map((p) => ({ field: p.field, reason: p.reason })), ...(unknown.length ? { placeholders: unknown } : {}) },
      );
    }
    if (c === 'sms') {
      const count = smsText(renderTemplate(request.body, sampleValues(k))).segments;
      if (count.segments > MAX_SMS_SEGMENTS) {
        throw new ProblemException(422, 'sms-too-long', 'Unprocessable', `The SMS makes ${count.segments} segments (${count.units} ${count.encoding} characters with the placeholders at their sample lengths); at most ${MAX_SMS_SEGMENTS}.`, {
          errors: [{ field: 'body', reason: `makes ${count.segments} SMS segments; at most ${MAX_SMS_SEGMENTS} (${MAX_SMS_SEGMENTS * 153} characters without diacritics)` }],
          segments: count.segments,
        });
      }
    }
    const row = await this.templates.save(
      { kind: k, channel: c, subject: titled ? request.subject! : null, body: request.body, provider_template_id: c === 'zalo' ? (request.providerTemplateId ?? defaultTemplate(k, c)!.providerTemplateId) : null, updated_by: caller.subject },
      this.clock.now(),
    );
    return this.view(k, c, row);
  }

  /** Back to the built-in wording. */
  async reset(kind: string, channel: string): Promise<TemplateView> {
    const [k, c] = this.known(kind, channel);
    await this.templates.remove(k, c);
    return this.view(k, c, undefined);
  }

  /** The wordings in force for a kind, by channel, for the messages of one event. */
  async inForce(kind: NotificationKind): Promise<Map<TemplateChannel, MessageTemplate>> {
    const saved = (await this.templates.all()).filter((row) => row.kind === kind);
    return new Map(channelsOf(kind).map((channel) => [channel, templateOf(kind, channel, saved.find((row) => row.channel === channel))] as const));
  }

  private known(kind: string, channel: string): [NotificationKind, TemplateChannel] {
    const k = (NOTIFICATION_KINDS as readonly string[]).includes(kind) ? (kind as NotificationKind) : undefined;
    if (!k || !(channelsOf(k) as readonly string[]).includes(channel)) {
      throw ProblemException.notFound('template-not-found', `No template ${kind} on ${channel}: kinds are ${NOTIFICATION_KINDS.join(', ')}; applicants' on sms, email and zalo, officers' on in_app.`);
    }
    return [k, channel as TemplateChannel];
  }

  private view(kind: NotificationKind, channel: TemplateChannel, row: TemplateRow | undefined): TemplateView {
    const template = templateOf(kind, channel, row);
    const sms = channel === 'sms' ? smsCount(kind, template.body) : null;
    return {
      kind,
      channel,
      subject: template.subject,
      body: template.body,
      providerTemplateId: template.providerTemplateId,
      placeholders: Object.entries(PLACEHOLDERS[kind]).map(([name, p]) => ({ name, description: p.description, sample: p.sample })),
      edited: row !== undefined,
      updatedBy: row?.updated_by ?? null,
      updatedAt: row ? formatLocal(new Date(row.updated_at)) : null,
      sms,
      audience: isApplicantMessageKind(kind) ? 'applicant' : 'officer',
    };
  }
}

function templateOf(kind: NotificationKind, channel: TemplateChannel, row: TemplateRow | undefined): MessageTemplate {
  return row ? { subject: row.subject, body: row.body, providerTemplateId: row.provider_template_id } : defaultTemplate(kind, channel)!;
}

function smsCount(kind: NotificationKind, body: string) {
  const rendered = renderTemplate(body, sampleValues(kind));
  const sent = smsText(rendered);
  return { ...sent.segments, diacriticsRemoved: sent.text !== rendered };
}
