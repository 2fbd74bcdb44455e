import { DiscoveryService } from '@nestjs/core';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope, EventPayload, EventType } from '@onestop/domain';

export interface EventHandlerOptions {
  type: EventType;
  /** Payload versions this handler understands; others are refused so they are retried later. */
  versions: number[];
}

/**
 * Marks a provider method as the handler of one event type. It runs in the same transaction
 * as the inbox record, so its effect happens exactly once per event.
 */
export const HandleEvent = DiscoveryService.createDecorator<EventHandlerOptions>();

export type EventHandler<T extends EventType> = (event: EventEnvelope<T, EventPayload<T>>, manager: EntityManager) => Promise<void>;
