import { ApiProperty } from '@nestjs/swagger';
import type { Ratio } from '@onestop/domain';

/** A share: numerator, denominator and their quotient, never rounded (format it when showing it). */
export class RatioView implements Ratio {
  @ApiProperty({ example: 73107 })
  numerator: number;

  @ApiProperty({ example: 110851 })
  denominator: number;

  @ApiProperty({ type: Number, nullable: true, description: 'numerator ÷ denominator (0-1 for a share), unrounded; null when the denominator is 0.', example: 0.6595109651685596 })
  ratio: number | null;
}
