import { IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { type EventEnvelope, SERVICE_NAMES, type ServiceName } from '@onestop/domain';
import { IsInstant } from '../validation/instant.js';

export class EventEnvelopeDto implements EventEnvelope {
  @IsUUID()
  id: string;

  @IsString()
  @MaxLength(100)
  type: string;

  @IsInt()
  @Min(1)
  @Max(1000)
  version: number;

  @IsIn(SERVICE_NAMES)
  source: ServiceName;

  @IsInstant()
  occurredAt: string;

  @IsObject()
  payload: Record<string, unknown>;

  /** W3C `traceparent` of the delivery (version 00), when the publisher traces. */
  @IsOptional()
  @Matches(/^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/)
  traceparent?: string;
}
