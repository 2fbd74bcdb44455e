import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsUUID } from 'class-validator';
import { PageQuery } from '@onestop/platform';

export class NoticeListQuery extends PageQuery {
  @ApiPropertyOptional({ example: true, description: 'Only notices not read yet (true), or all (false, the default).' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  unread?: boolean;
}

export class MarkNoticesReadRequest {
  @ApiPropertyOptional({ example: '6f1c2a8e-5b7d-4c1e-9a3f-2d4e6b8a0c1f', description: 'Mark this notice and every earlier one read; all of them when left out (so a notice that arrived meanwhile stays unread when it is named).' })
  @IsOptional()
  @IsUUID('all', { message: 'upTo must be a notice id' })
  upTo?: string;
}
