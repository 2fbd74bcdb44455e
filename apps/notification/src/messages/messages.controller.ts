import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Access, ApiPageResponse, ApiProblems, type Page } from '@onestop/platform';
import { NotificationAccess } from '../access-policy.js';
import { MessageListQuery } from './message.dto.js';
import { MessageView } from './message.views.js';
import { MessagesService } from './messages.service.js';

const ID_PARAM = { name: 'id', example: '6f1c2a8e-5b7d-4c1e-9a3f-2d4e6b8a0c1f', description: 'Message id.' };

@ApiTags('notification-messages')
@Controller('notification-messages')
export class MessagesController {
  constructor(private readonly messages: MessagesService) {}

  @Get()
  @Access(NotificationAccess.readMessages)
  @ApiOperation({
    summary: 'List the messages sent to applicants',
    description:
      'For administrators, newest first: every SMS, email and Zalo message, one per event, channel and recipient, with its status, attempts and the provider\'s last answer (`status=failed` for those to look at). Recipients are masked; the text is kept until MESSAGE_RETENTION_DAYS, then only the status.',
  })
  @ApiPageResponse(MessageView, 'A page of messages.')
  @ApiProblems(400, 401, 403)
  list(@Query() query: MessageListQuery): Promise<Page<MessageView>> {
    return this.messages.list(query);
  }

  @Get(':id')
  @Access(NotificationAccess.readMessages)
  @ApiOperation({ summary: 'Read a message', description: 'Its status, the provider\'s answers and delivery receipts.' })
  @ApiParam(ID_PARAM)
  @ApiOkResponse({ type: MessageView, description: 'The message.' })
  @ApiProblems(401, 403, 404)
  read(@Param('id') id: string): Promise<MessageView> {
    return this.messages.read(id);
  }

  @Post(':id/resend')
  @HttpCode(200)
  @Access(NotificationAccess.resendMessage)
  @ApiOperation({
    summary: 'Send a failed message again',
    description: 'A `failed` message (the provider refused it, was down past MESSAGE_MAX_ATTEMPTS, or reported it undelivered) goes out again at once with a fresh reference; it stays the one message of its event, channel and recipient. 409 `message-not-failed` otherwise, 409 `message-purged` once its text is past the retention.',
  })
  @ApiParam(ID_PARAM)
  @ApiOkResponse({ type: MessageView, description: 'The message, pending again.' })
  @ApiProblems(401, 403, 404, 409)
  resend(@Param('id') id: string): Promise<MessageView> {
    return this.messages.resend(id);
  }
}
