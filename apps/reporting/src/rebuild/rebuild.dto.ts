import { ApiProperty } from '@nestjs/swagger';

export class RebuildRunView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: ['running', 'succeeded', 'failed'] })
  status: 'running' | 'succeeded' | 'failed';

  @ApiProperty({ example: 'demo:admin' })
  requestedBy: string;

  @ApiProperty({ example: '2026-03-16T10:00:00+07:00' })
  startedAt: string;

  @ApiProperty({ type: String, nullable: true })
  finishedAt: string | null;

  @ApiProperty({ description: 'Events replayed so far, per source service.', example: { catalog: 340, intake: 1200, workflow: 5100, postal: 40 } })
  events: Record<string, number>;

  @ApiProperty({ type: String, nullable: true, description: 'Why it failed.' })
  error: string | null;
}
