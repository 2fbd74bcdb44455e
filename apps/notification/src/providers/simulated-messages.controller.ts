import { Controller, Get, Query } from '@nestjs/common';
import { ApiProperty, ApiOperation, ApiTags } from '@nestjs/swagger';
import { formatLocal } from '@onestop/domain';
import { Access, ApiPageResponse, ApiProblems, decodeCursor, type Page, toPage } from '@onestop/platform';
import { NotificationAccess } from '../access-policy.js';
import { SimulatedMessageQuery } from '../messages/message.dto.js';
import { SimulatedMessagesRepository } from './simulated-messages.repository.js';

export class SimulatedMessageView {
  @ApiProperty({ enum: ['sms', 'email', 'zalo'], example: 'email' })
  channel: string;

  @ApiProperty({ example: 'an.nguyen@example.vn', description: 'As the provider got it: the demonstration\'s applicants are made up.' })
  recipient: string;

  @ApiProperty({ type: String, nullable: true, example: 'Hồ sơ 000.00.01.H56-260316-0001 đã được tiếp nhận' })
  subject: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Kính gửi Ông/Bà Nguyễn Văn An, …', description: 'Null past MESSAGE_RETENTION_DAYS.' })
  body: string | null;

  @ApiProperty({ example: '6f1c2a8e-5b7d-4c1e-9a3f-2d4e6b8a0c1f', description: 'Our reference, on which the provider deduplicates.' })
  reference: string;

  @ApiProperty({ example: 'sim-email-1b7e2f0a-…' })
  providerMessageId: string;

  @ApiProperty({ example: '2026-03-16T10:00:01+07:00' })
  receivedAt: string;
}

@ApiTags('simulated-messages')
@Controller('simulated-messages')
export class SimulatedMessagesController {
  constructor(private readonly messages: SimulatedMessagesRepository) {}

  @Get()
  @Access(NotificationAccess.readSimulatedMessages)
  @ApiOperation({
    summary: 'Read what the simulated providers received',
    description: 'Under `npm start` (EMAIL_PROVIDER, SMS_PROVIDER, ZALO_PROVIDER `simulated`), messages do not leave the machine: each simulated provider keeps what it was given, read here newest first, by channel or recipient. Empty for a channel with a real provider.',
  })
  @ApiPageResponse(SimulatedMessageView, 'A page of what the simulated providers received.')
  @ApiProblems(400, 401, 403)
  async list(@Query() query: SimulatedMessageQuery): Promise<Page<SimulatedMessageView>> {
    const before = query.cursor ? decodeCursor(query.cursor, { seq: 'digits' }).seq : null;
    const rows = await this.messages.list({ channel: query.channel ?? null, recipient: query.recipient ?? null, beforeSeq: before, limit: query.limit });
    const page = toPage(rows, query.limit, (last) => ({ seq: last.seq }));
    return {
      items: page.items.map((row) => ({
        channel: row.channel,
        recipient: row.recipient,
        subject: row.subject,
        body: row.body,
        reference: row.reference,
        providerMessageId: row.provider_message_id,
        receivedAt: formatLocal(new Date(row.received_at)),
      })),
      nextCursor: page.nextCursor,
    };
  }
}
