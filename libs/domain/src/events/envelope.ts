import type { ServiceName } from '../services.js';

/**
 * What travels from a publisher's outbox to a subscriber's `/internal/events`.
 * `id` is unique per event and is what the subscriber's inbox deduplicates on.
 */
export interface EventEnvelope<TType extends string = string, TPayload = unknown> {
  id: string;
  type: TType;
  /** Contract version of the payload; a subscriber refuses versions it does not know. */
  version: number;
  source: ServiceName;
  /** ISO 8601 with offset. */
  occurredAt: string;
  payload: TPayload;
  /**
   * W3C trace context of the event's delivery, when traces are on: its handling is a span of the
   * trace of the request that wrote the event. Absent otherwise.
   */
  traceparent?: string;
}
