import { IsIn, IsInt, IsISO8601, IsObject, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { type EventEnvelope, SERVICE_NAMES, type ServiceName } from '@onestop/domain';

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

  @IsISO8601({ strict: true })
  occurredAt: string;

  @IsObject()
  payload: Record<string, unknown>;
}
