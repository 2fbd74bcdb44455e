import { ApiProperty } from '@nestjs/swagger';

export class FieldView {
  @ApiProperty({ example: 'G09-TP01', description: 'Field code.' })
  code: string;

  @ApiProperty({ example: 'Hộ tịch' })
  name: string;
}
