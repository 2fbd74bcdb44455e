import { ApiProperty } from '@nestjs/swagger';

export class AgencyView {
  @ApiProperty({ example: '000.17.22.H56', description: 'QCVN 102:2016 identifier code.' })
  code: string;

  @ApiProperty({ example: 'Sở Tư pháp' })
  name: string;

  @ApiProperty({ type: String, nullable: true, example: '10 Trần Phú, phường Minh Khai' })
  address: string | null;

  @ApiProperty({ example: 'province' })
  levelCode: string;

  @ApiProperty({ type: String, nullable: true, example: '000.00.00.H56' })
  parentCode: string | null;

  @ApiProperty({ type: [Number], example: [2, 4], description: 'ISO weekdays (1 = Monday) on which listed procedures are accepted online only.' })
  onlineOnlyWeekdays: number[];
}
