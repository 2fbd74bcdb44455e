import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBase64, IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PROCEDURE_CODE_PATTERN } from '@onestop/domain';
import { IsAgencyCode, IsNestedArray, IsNestedObject, IsPlainName, IsVietnamesePhone, trimmed } from '@onestop/platform';

/** An address as the portal codes it (mã đơn vị hành chính: province 2 digits, district 3, commune 5). */
export class PortalAddressDto {
  @ApiProperty({ example: '35', description: 'Province code (mã tỉnh), 2 digits.' })
  @Matches(/^\d{2}$/, { message: 'MaTinh must be a 2-digit province code' })
  MaTinh: string;

  @ApiPropertyOptional({ example: '347', description: 'District code (mã huyện), 3 digits; absent since districts were abolished.' })
  @IsOptional()
  @Matches(/^\d{3}$/, { message: 'MaHuyen must be a 3-digit district code' })
  MaHuyen?: string;

  @ApiProperty({ example: '13291', description: 'Commune code (mã xã), 5 digits.' })
  @Matches(/^\d{5}$/, { message: 'MaXa must be a 5-digit commune code' })
  MaXa: string;

  @ApiProperty({ example: 'Số 12 đường Trần Phú, tổ 3' })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  DiaChiChiTiet: string;

  @ApiPropertyOptional({ example: 'Hà Nam', description: 'The province\'s name, when the portal sends it (else its code is kept).' })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  TenTinh?: string;

  @ApiPropertyOptional({ example: 'Phường Hai Bà Trưng', description: 'The commune\'s name, when the portal sends it (else its code is kept).' })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  TenXa?: string;
}

export class PortalIdentityDto {
  @ApiProperty({ example: '1', enum: ['1', '2'], description: '1: the 12-digit citizen identity number; 2: an organisation\'s tax code.' })
  @IsIn(['1', '2'])
  LoaiDinhDanh: '1' | '2';

  @ApiProperty({ example: '035090001234' })
  @Matches(/^(\d{12}|\d{10}(-\d{3})?)$/, { message: 'SoDinhDanh must be a 12-digit identity number or a 10-digit tax code' })
  SoDinhDanh: string;
}

export class PortalFileDto {
  @ApiProperty({ example: 'Don de nghi.pdf', description: 'The file\'s name; its extension must agree with its content.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  TenTepDinhKem: string;

  @ApiPropertyOptional({ example: '1', description: 'The procedure document it is (thành phần hồ sơ): its position in the procedure\'s list.' })
  @IsOptional()
  @Matches(/^([1-9]\d{0,2})$/, { message: 'MaThanhPhanHoSo must be the document\'s position 1-200 in the procedure\'s list' })
  MaThanhPhanHoSo?: string;

  @ApiProperty({ example: 'JVBERi0xLjQK...', description: 'The file\'s bytes in base64 (RFC 4648, padded). PDF, JPEG or PNG, checked as an upload is.' })
  @IsString()
  @IsNotEmpty()
  @IsBase64({}, { message: 'DuLieuTepDinhKem must be base64' })
  DuLieuTepDinhKem: string;
}

/** A dossier submitted on the National Public Service Portal, in the portal's field names. */
export class PortalInboundDossierRequest {
  @ApiProperty({ example: 'G22.99.8-241115-0042', description: 'The portal\'s code for the dossier: it is received once per code.' })
  @Matches(/^[A-Za-z0-9.\-_/]{1,100}$/, { message: 'MaHoSo must be the portal\'s dossier code (letters, digits, . - _ /; at most 100)' })
  MaHoSo: string;

  @ApiProperty({ example: '1.004005', description: 'National procedure code.' })
  @Matches(PROCEDURE_CODE_PATTERN, { message: 'MaTTHC must be a procedure code such as 1.003560' })
  MaTTHC: string;

  @ApiProperty({ example: '000.00.01.H56', description: 'The receiving agency (mã đơn vị).' })
  @IsAgencyCode()
  MaDonVi: string;

  @ApiProperty({ example: 'Nguyễn Văn An', description: 'The applicant (chủ hồ sơ); no bidirectional control characters.' })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @IsPlainName()
  ChuHoSo: string;

  @ApiProperty({ example: '1', enum: ['1', '2'], description: '1 a citizen, 2 an organisation.' })
  @IsIn(['1', '2'])
  LoaiDoiTuong: '1' | '2';

  @ApiProperty({ type: [PortalIdentityDto], description: 'The applicant\'s identity numbers; the first is kept.' })
  @IsNestedArray(() => PortalIdentityDto, { min: 1, max: 5 })
  DinhDanhCHS: PortalIdentityDto[];

  @ApiProperty({ example: '0912345678' })
  @IsVietnamesePhone()
  SoDienThoai: string;

  @ApiPropertyOptional({ example: 'an.nguyen@example.vn' })
  @IsOptional()
  @IsEmail({}, { message: 'Email must be an email address' })
  @MaxLength(200)
  Email?: string;

  @ApiProperty({ type: PortalAddressDto })
  @IsNestedObject(() => PortalAddressDto)
  DiaChi: PortalAddressDto;

  @ApiPropertyOptional({ example: '0', enum: ['0', '1'], description: '1: the result goes by post to the address; 0 (default): collected at the counter.' })
  @IsOptional()
  @IsIn(['0', '1'])
  HinhThuc?: '0' | '1';

  @ApiPropertyOptional({ example: '0', enum: ['0', '1'], description: '1: fees were paid online on the portal.' })
  @IsOptional()
  @IsIn(['0', '1'])
  DuocThanhToanTrucTuyen?: '0' | '1';

  @ApiProperty({ type: [PortalFileDto], description: 'The files submitted, each named and in base64.' })
  @IsNestedArray(() => PortalFileDto, { max: 50 })
  TepDinhKem: PortalFileDto[];
}
