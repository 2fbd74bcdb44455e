import { ApiProperty } from '@nestjs/swagger';
import { NOTIFICATION_KINDS, TEMPLATE_CHANNELS } from '@onestop/domain';

export class PlaceholderView {
  @ApiProperty({ example: 'lookupCode' })
  name: string;

  @ApiProperty({ example: 'Mã tra cứu trên giấy tiếp nhận' })
  description: string;

  @ApiProperty({ example: 'Q7MK3XHP9T2D', description: 'A value of typical length, used for counting SMS segments.' })
  sample: string;
}

export class SmsCountView {
  @ApiProperty({ enum: ['gsm7', 'ucs2'], example: 'gsm7', description: '`gsm7` when every character is in the GSM 7-bit alphabet, else `ucs2` (Vietnamese diacritics): 160 or 70 characters in one SMS, 153 or 67 per part of a longer one.' })
  encoding: string;

  @ApiProperty({ example: 1, description: 'SMS the text makes with the placeholders at their sample lengths, as sent (diacritics are taken out when that makes fewer segments).' })
  segments: number;

  @ApiProperty({ example: 118, description: 'Characters (septets for GSM-7, UTF-16 units for UCS-2) it takes.' })
  units: number;

  @ApiProperty({ example: 42, description: 'Characters still free in the last segment.' })
  remaining: number;

  @ApiProperty({ example: false, description: 'Whether the diacritics are taken out when it is sent.' })
  diacriticsRemoved: boolean;
}

export class TemplateView {
  @ApiProperty({ enum: NOTIFICATION_KINDS, example: 'dossier_received' })
  kind: string;

  @ApiProperty({ enum: TEMPLATE_CHANNELS, example: 'sms' })
  channel: string;

  @ApiProperty({ type: String, nullable: true, example: null, description: 'Email subject or notice title; null for SMS and Zalo.' })
  subject: string | null;

  @ApiProperty({ example: 'Ho so {{dossierCode}} da duoc tiep nhan. Ma tra cuu: {{lookupCode}}. Hen tra ket qua: {{appointmentAt}}.' })
  body: string;

  @ApiProperty({ type: String, nullable: true, example: null, description: 'Zalo: the ZNS template id.' })
  providerTemplateId: string | null;

  @ApiProperty({ type: [PlaceholderView], description: 'What the text may name.' })
  placeholders: PlaceholderView[];

  @ApiProperty({ example: false, description: 'false: the built-in wording; true: an administrator\'s.' })
  edited: boolean;

  @ApiProperty({ type: String, nullable: true, example: null })
  updatedBy: string | null;

  @ApiProperty({ type: String, nullable: true, example: null, description: 'RFC 3339 with +07:00.' })
  updatedAt: string | null;

  @ApiProperty({ type: SmsCountView, nullable: true, description: 'SMS only: what the text makes.' })
  sms: SmsCountView | null;

  @ApiProperty({ enum: ['applicant', 'officer'], example: 'applicant', description: 'Who gets it: the applicant (SMS, email, Zalo) or officers (in-app notices).' })
  audience: 'applicant' | 'officer';
}
