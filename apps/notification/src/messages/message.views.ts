import { ApiProperty } from '@nestjs/swagger';
import { formatLocal, maskRecipient } from '@onestop/domain';
import type { MessageRow } from './messages.repository.js';

export class DeliveryReceiptView {
  @ApiProperty({ enum: ['delivered', 'failed'], example: 'delivered' })
  status: string;

  @ApiProperty({ example: '2026-03-16T10:00:05+07:00', description: 'When the provider says it happened.' })
  at: string;

  @ApiProperty({ type: String, nullable: true, example: null, description: 'The provider\'s reason when not delivered.' })
  reason: string | null;
}

export class MessageView {
  @ApiProperty({ example: '6f1c2a8e-5b7d-4c1e-9a3f-2d4e6b8a0c1f' })
  id: string;

  @ApiProperty({ example: 'dossier_received' })
  kind: string;

  @ApiProperty({ enum: ['sms', 'email', 'zalo'], example: 'sms' })
  channel: string;

  @ApiProperty({ example: '091****678', description: 'Masked: an administrator sees whom it went to, not the whole number or address.' })
  recipient: string;

  @ApiProperty({ type: String, nullable: true, example: '000.00.01.H56-260316-0001' })
  dossierCode: string | null;

  @ApiProperty({ type: String, nullable: true, example: null })
  complaintId: string | null;

  @ApiProperty({ enum: ['pending', 'sent', 'delivered', 'failed'], example: 'sent', description: '`pending` until the provider takes it (waiting for the end of the quiet hours, or retried with back-off while the provider is down); `sent` once taken; `delivered` or `failed` as the provider\'s receipt says; `failed` also after MESSAGE_MAX_ATTEMPTS or a refusal, with `lastError`.' })
  status: string;

  @ApiProperty({ type: String, nullable: true, example: null, description: 'Email subject; null on other channels and once purged.' })
  subject: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Ho so 000.00.01.H56-260316-0001 da duoc tiep nhan. Ma tra cuu: Q7MK3XHP9T2D. Hen tra ket qua: 10:00 16/03/2026.', description: 'The text, kept for resending until MESSAGE_RETENTION_DAYS; null after.' })
  body: string | null;

  @ApiProperty({ example: false, description: 'Required by law: sent by SMS whatever the applicant chose.' })
  required: boolean;

  @ApiProperty({ example: 1 })
  attempts: number;

  @ApiProperty({ example: 0, description: 'Times an administrator sent it again.' })
  resends: number;

  @ApiProperty({ example: '2026-03-16T10:00:00+07:00', description: 'Not sent before this (the end of the quiet hours for SMS and Zalo).' })
  notBefore: string;

  @ApiProperty({ type: String, nullable: true, example: 'sim-sms-1b7e…' })
  providerMessageId: string | null;

  @ApiProperty({ type: String, nullable: true, example: null, description: 'The provider\'s last answer when it did not take the message.' })
  lastError: string | null;

  @ApiProperty({ type: String, nullable: true, example: '2026-03-16T10:00:01+07:00' })
  sentAt: string | null;

  @ApiProperty({ type: String, nullable: true, example: null })
  deliveredAt: string | null;

  @ApiProperty({ type: String, nullable: true, example: null })
  failedAt: string | null;

  @ApiProperty({ type: String, nullable: true, example: null, description: 'When the text was removed (retention); only the status stays.' })
  purgedAt: string | null;

  @ApiProperty({ example: '2026-03-16T10:00:00+07:00' })
  createdAt: string;

  @ApiProperty({ type: [DeliveryReceiptView], description: 'What the provider reported after taking it.' })
  receipts: DeliveryReceiptView[];
}

const at = (d: Date | null) => (d ? formatLocal(new Date(d)) : null);

export function toMessageView(row: MessageRow, receipts: Array<{ status: string; at: Date; reason: string | null }>): MessageView {
  return {
    id: row.id,
    kind: row.kind,
    channel: row.channel,
    recipient: maskRecipient(row.recipient),
    dossierCode: row.dossier_code,
    complaintId: row.complaint_id,
    status: row.status,
    subject: row.subject,
    body: row.body,
    required: row.required,
    attempts: row.attempts,
    resends: row.resends,
    notBefore: formatLocal(new Date(row.not_before)),
    providerMessageId: row.provider_message_id,
    lastError: row.last_error,
    sentAt: at(row.sent_at),
    deliveredAt: at(row.delivered_at),
    failedAt: at(row.failed_at),
    purgedAt: at(row.purged_at),
    createdAt: formatLocal(new Date(row.created_at)),
    receipts: receipts.map((r) => ({ status: r.status, at: formatLocal(new Date(r.at)), reason: r.reason })),
  };
}
