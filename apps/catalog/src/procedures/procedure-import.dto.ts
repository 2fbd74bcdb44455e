import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, Matches, ValidateNested } from 'class-validator';
import { PROCEDURE_CODE_PATTERN } from '@onestop/domain';
import { Problem } from '@onestop/platform';
import { UpsertProcedureRequest } from './procedure.dto.js';

/** Enough for a province's whole catalog (Lạng Sơn 1,794, Hà Nam 2,067 procedures) in one file. */
export const MAX_IMPORT_ITEMS = 5000;

export class ImportItemDto extends UpsertProcedureRequest {
  @ApiProperty({ example: '1.003560' })
  @Matches(PROCEDURE_CODE_PATTERN, { message: 'code must look like 1.003560 (national code, optional local suffix)' })
  code: string;
}

export class ImportProceduresRequest {
  @ApiProperty({ type: [ImportItemDto], description: `Up to ${MAX_IMPORT_ITEMS.toLocaleString('en')} procedures.` })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_IMPORT_ITEMS)
  @ValidateNested({ each: true })
  @Type(() => ImportItemDto)
  items: ImportItemDto[];
}

export class ImportItemResult {
  @ApiProperty({ example: '1.003560' })
  code: string;

  @ApiProperty({ enum: ['published', 'amended', 'unchanged', 'refused'], example: 'unchanged' })
  outcome: 'published' | 'amended' | 'unchanged' | 'refused';

  @ApiPropertyOptional({ example: 2, description: 'The version now current (absent when refused).' })
  versionNo?: number;

  @ApiPropertyOptional({ type: Problem, description: 'Why the item was refused.' })
  problem?: Problem;
}

export class ImportProceduresResult {
  @ApiProperty({ example: 3 })
  published: number;

  @ApiProperty({ example: 1 })
  amended: number;

  @ApiProperty({ example: 250 })
  unchanged: number;

  @ApiProperty({ example: 0 })
  refused: number;

  @ApiProperty({ type: [ImportItemResult] })
  items: ImportItemResult[];
}
