import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';

export class CreateFieldRequest {
  @ApiProperty({ example: 'G09-TP01', description: 'Letters, digits, dots and dashes.' })
  @Matches(/^[A-Za-z0-9.-]{1,40}$/, { message: 'code must be 1-40 letters, digits, dots or dashes' })
  code: string;

  @ApiProperty({ example: 'Hộ tịch' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  name: string;
}

export class UpdateFieldRequest {
  @ApiProperty({ example: 'Hộ tịch' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  name: string;
}
