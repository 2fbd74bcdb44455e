import { Body, Controller, HttpCode, Logger, Post, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, ValidateNested } from 'class-validator';
import { ServiceTokenGuard } from '../auth/service-token.guard.js';
import { ProblemException } from '../errors/problem.js';
import { runWithRequestId } from '../request-context/request-context.js';
import { EventEnvelopeDto } from './event-envelope.dto.js';
import { InboxService, type InboxOutcome } from './inbox.service.js';

/** The most events a relay sends in one request. */
export const EVENT_BATCH_LIMIT = 100;

export class EventBatchDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(EVENT_BATCH_LIMIT)
  @ValidateNested({ each: true })
  @Type(() => EventEnvelopeDto)
  events: EventEnvelopeDto[];
}

/** What became of a batch: the events applied (or already applied) in order, and the first that was not. */
export interface EventBatchOutcome {
  acknowledged: Array<{ id: string; outcome: InboxOutcome }>;
  refused: { id: string; status: number; code: string; detail?: string } | null;
}

/** Where publishers' relays deliver events. A 2xx is the acknowledgement. */
@ApiExcludeController()
@Controller('internal/events')
@UseGuards(ServiceTokenGuard)
export class InternalEventsController {
  private readonly logger = new Logger('InternalEvents');

  constructor(private readonly inbox: InboxService) {}

  @Post()
  @HttpCode(200)
  async receive(@Body() event: EventEnvelopeDto): Promise<{ outcome: InboxOutcome }> {
    return { outcome: await this.inbox.receive(event) };
  }

  /**
   * Several events of one publisher, in its order: one request instead of one per event. The
   * events this service handles are applied together in one transaction; should that fail, each
   * is applied in its own, as if delivered alone, stopping at the first event that is not
   * applied, which the answer names; the relay retries it and the rest later.
   */
  @Post('batch')
  @HttpCode(200)
  async receiveBatch(@Body() batch: EventBatchDto): Promise<EventBatchOutcome> {
    const acknowledged: EventBatchOutcome['acknowledged'] = [];
    let next = 0;
    const together = this.inbox.handledPrefix(batch.events);
    if (together > 1) {
      const outcomes = await this.inbox.receiveTogether(batch.events.slice(0, together)).catch((error: unknown) => {
        this.logger.debug(`a batch of ${together} events applied one by one: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      });
      if (outcomes) {
        outcomes.forEach((outcome, index) => acknowledged.push({ id: batch.events[index].id, outcome }));
        next = together;
      }
    }
    for (const event of batch.events.slice(next)) {
      try {
        const outcome = await runWithRequestId(`event-${event.id}`, () => this.inbox.receive(event));
        acknowledged.push({ id: event.id, outcome });
      } catch (error) {
        const problem = error instanceof ProblemException ? error : undefined;
        // Unexpected failures (the database gone) are thrown as a single delivery's would be,
        // after what was applied is said: nothing applied is delivered twice for nothing.
        if (!problem && acknowledged.length === 0) throw error;
        return {
          acknowledged,
          refused: { id: event.id, status: problem?.getStatus() ?? 503, code: problem?.code ?? 'event-not-applied', detail: problem?.detail ?? (error instanceof Error ? error.message.slice(0, 300) : String(error)) },
        };
      }
    }
    return { acknowledged, refused: null };
  }
}
