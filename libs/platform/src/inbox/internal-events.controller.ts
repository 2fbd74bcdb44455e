import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ServiceTokenGuard } from '../auth/service-token.guard.js';
import { EventEnvelopeDto } from './event-envelope.dto.js';
import { InboxService, type InboxOutcome } from './inbox.service.js';

/** Where publishers' relays deliver events. A 2xx is the acknowledgement. */
@ApiExcludeController()
@Controller('internal/events')
@UseGuards(ServiceTokenGuard)
export class InternalEventsController {
  constructor(private readonly inbox: InboxService) {}

  @Post()
  @HttpCode(200)
  async receive(@Body() event: EventEnvelopeDto): Promise<{ outcome: InboxOutcome }> {
    return { outcome: await this.inbox.receive(event) };
  }
}
