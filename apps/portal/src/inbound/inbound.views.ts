import { ApiProperty } from '@nestjs/swagger';

/** The answer in the portal's terms: `error_code` "0" is success. */
export class PortalInboundAnswer {
  @ApiProperty({ example: '0', description: '"0": received (or received already, for a repeated push).' })
  error_code: string;

  @ApiProperty({ example: 'Tiếp nhận hồ sơ thành công' })
  message: string;

  @ApiProperty({ example: 'G22.99.8-241115-0042', description: 'The portal\'s code, as sent.' })
  MaHoSo: string;

  @ApiProperty({ example: '000.00.01.H56-260316-0001', description: 'The dossier\'s code in the province.' })
  MaHoSoTiepNhan: string;

  @ApiProperty({ example: '1', description: 'Its national status now: 1, newly registered, until the one-stop desk accepts it.' })
  TrangThaiHoSo: string;

  @ApiProperty({ example: 2, description: 'Files stored as the dossier\'s documents.' })
  SoTepDinhKem: number;
}
