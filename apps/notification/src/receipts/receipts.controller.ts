import { Body, Controller, HttpCode, Logger, Param, Post, UseGuards } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { maskContactsIn } from '@onestop/domain';
import { Access, ApiProblems, ProblemException } from '@onestop/platform';
import { NotificationAccess } from '../access-policy.js';
import { MessagesRepository } from '../messages/messages.repository.js';
import { DeliveryReceiptAnswer, DeliveryReceiptRequest } from './receipt.dto.js';
import { RECEIPT_SIGNATURE_HEADER, ReceiptSignatureGuard } from './receipt-signature.guard.js';

const CHANNELS = ['sms', 'zalo'];

@ApiTags('provider-receipts')
@Controller('provider-receipts')
export class ReceiptsController {
  private readonly logger = new Logger('DeliveryReceipts');

  constructor(private readonly messages: MessagesRepository) {}

  @Post(':channel')
  @HttpCode(200)
  @Access(NotificationAccess.receiveDeliveryReceipt)
  @UseGuards(ReceiptSignatureGuard)
  @ApiOperation({
    summary: 'Receive a delivery receipt',
    description:
      'Called by the SMS gateway or Zalo (`sms` or `zalo`), signed with PROVIDER_RECEIPT_SECRET: the message it took (its own id) was delivered, or could not be. The message\'s status follows (`delivered`, or `failed` with the reason, for an administrator to resend); the same receipt twice is recorded once. A message id the provider never answered us is a 404.',
  })
  @ApiParam({ name: 'channel', enum: CHANNELS, example: 'sms', description: 'Whose receipt: the SMS gateway\'s or Zalo\'s.' })
  @ApiHeader({ name: RECEIPT_SIGNATURE_HEADER, required: true, description: 'sha256=<hex HMAC-SHA256 of the body with the shared secret>.' })
  @ApiOkResponse({ type: DeliveryReceiptAnswer, description: 'Recorded.' })
  @ApiProblems(400, 401, 404)
  async receive(@Param('channel') channel: string, @Body() receipt: DeliveryReceiptRequest): Promise<DeliveryReceiptAnswer> {
    if (!CHANNELS.includes(channel)) throw ProblemException.notFound('provider-not-found', `No provider ${channel} sends receipts here: sms or zalo.`);
    const outcome = await this.messages.recordReceipt(channel, receipt.messageId, receipt.status, new Date(receipt.at), receipt.reason ?? null);
    if (!outcome) throw ProblemException.notFound('message-not-found', `No ${channel} message ${receipt.messageId} was taken by the provider.`);
    if (receipt.status === 'failed') this.logger.warn(`${channel} message ${outcome.messageId} not delivered: ${maskContactsIn(receipt.reason ?? 'no reason')}`);
    return { recorded: outcome.recorded };
  }
}
