import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Access, ApiPageResponse, ApiProblems, type Caller, CurrentCaller, type Page } from '@onestop/platform';
import { NotificationAccess } from '../access-policy.js';
import { MarkNoticesReadRequest, NoticeListQuery } from './notice.dto.js';
import { MarkedReadView, NoticeView, UnreadCountView } from './notice.views.js';
import { NoticesService } from './notices.service.js';

const STREAM_EXAMPLE =
  'retry: 3000\n\nid: 42\nevent: notice\ndata: {"id":"6f1c2a8e-5b7d-4c1e-9a3f-2d4e6b8a0c1f","kind":"case_assigned","dossierCode":"000.00.01.H56-260316-0001","title":"Hồ sơ 000.00.01.H56-260316-0001 được giao cho bạn","body":"Phân công thụ lý: hồ sơ 000.00.01.H56-260316-0001 tại Sở Tư pháp.","createdAt":"2026-03-16T10:00:00+07:00","readAt":null}\n\n: keep-alive\n\n';

@ApiTags('notifications')
@Controller('notifications')
export class NoticesController {
  constructor(private readonly notices: NoticesService) {}

  @Get()
  @Access(NotificationAccess.readNotices)
  @ApiOperation({
    summary: 'List my notices',
    description:
      'The caller\'s in-app notices (thông báo), newest first: a case assigned to them, a case arrived at their unit for a step they do (registered online, forwarded, appraised, approved), a supplement or a payment received for a case they hold (or their unit, when no one holds it). `unread=true` for those not read yet. Officers see only their own.',
  })
  @ApiPageResponse(NoticeView, 'A page of notices.')
  @ApiProblems(400, 401, 403)
  list(@CurrentCaller() caller: Caller, @Query() query: NoticeListQuery): Promise<Page<NoticeView>> {
    return this.notices.list(caller, query);
  }

  @Get('unread-count')
  @Access(NotificationAccess.readNotices)
  @ApiOperation({ summary: 'Count my unread notices', description: 'For the badge on the bell: how many of the caller\'s notices are not read yet.' })
  @ApiOkResponse({ type: UnreadCountView, description: 'The count.' })
  @ApiProblems(401, 403)
  unread(@CurrentCaller() caller: Caller): Promise<UnreadCountView> {
    return this.notices.unread(caller);
  }

  @Get('stream')
  @Access(NotificationAccess.readNotices)
  @ApiOperation({
    summary: 'Follow my notices live',
    description: [
      'Server-sent events (`text/event-stream`, as `EventSource` reads it): each new notice of the caller as an `event: notice` whose `data` is the notice (as listed) and whose `id` resumes the stream: a reconnecting EventSource sends it back as `Last-Event-ID` and gets what it missed; without one the stream starts from now (list the earlier ones with `GET /notifications`).',
      'A comment line is sent every NOTICE_STREAM_HEARTBEAT_MS (15 s by default) so that no proxy on the way takes the stream for idle; the gateway passes it through unbuffered. Notices written by any replica reach every stream once committed. Without `Accept: text/event-stream` the answer is a 406 problem.',
    ].join('\n\n'),
  })
  @ApiProduces('text/event-stream')
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'The `id` of the last event received: the stream resumes after it.' })
  @ApiOkResponse({ description: 'The stream, open until the client closes it.', content: { 'text/event-stream': { schema: { type: 'string' }, example: STREAM_EXAMPLE } } })
  @ApiProblems(401, 403, 406, 503)
  async stream(
    @CurrentCaller() caller: Caller,
    @Headers('accept') accept: string | undefined,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    await this.notices.follow(caller, accept, lastEventId, request, response);
  }

  @Post('read')
  @HttpCode(200)
  @Access(NotificationAccess.markNotices)
  @ApiOperation({ summary: 'Mark my notices read', description: 'All the caller\'s unread notices, or those up to `upTo` (that one and every earlier one), are marked read. Answers how many, and how many stay unread.' })
  @ApiOkResponse({ type: MarkedReadView, description: 'What was marked.' })
  @ApiProblems(400, 401, 403, 404)
  markAll(@CurrentCaller() caller: Caller, @Body() request: MarkNoticesReadRequest): Promise<MarkedReadView> {
    return this.notices.markAllRead(caller, request);
  }

  @Post(':id/read')
  @HttpCode(200)
  @Access(NotificationAccess.markNotices)
  @ApiOperation({ summary: 'Mark a notice read', description: 'One of the caller\'s notices; the time of its first reading is kept. Another officer\'s notice is a 404, as an unknown one.' })
  @ApiParam({ name: 'id', example: '6f1c2a8e-5b7d-4c1e-9a3f-2d4e6b8a0c1f', description: 'Notice id.' })
  @ApiOkResponse({ type: NoticeView, description: 'The notice, read.' })
  @ApiProblems(401, 403, 404)
  markRead(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<NoticeView> {
    return this.notices.markRead(caller, id);
  }
}
