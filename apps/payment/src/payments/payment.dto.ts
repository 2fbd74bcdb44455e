import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { FEE_KINDS, type FeeKind } from '@onestop/domain';
import { FormFormatQuery, IsAgencyCode, IsCalendarDate, IsNestedArray, trimmed } from '@onestop/platform';

/** The dossier's lookup code, optional: without it, the bearer token decides. */
export class FeesLookupQuery {
  @ApiPropertyOptional({
    example: 'Q7MK3XHP9T2D',
    description:
      'The dossier\'s lookup code from the receipt (mã tra cứu): with it no sign-in is needed. Intake checks it: a wrong code is a 404, as an unknown dossier is, and counts towards the dossier\'s lookup limit (429 `too-many-lookup-attempts`). Without it, the bearer token decides.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  @Matches(/^[0-9A-Za-z -]{12,64}$/, { message: 'secret must be the 12-character lookup code from the receipt' })
  secret?: string;
}

/** `?format=pdf|json` and the dossier's lookup code. */
export class FeeReceiptQuery extends IntersectionType(FormFormatQuery, FeesLookupQuery) {}

export class AssessedFeeLineDto {
  @ApiProperty({ example: 'PTD-1', description: 'The line\'s code (MaPhiLePhi), not used by another line of the dossier: letters, digits, dot, dash or underscore.' })
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{1,40}$/, { message: 'code must be 1-40 letters, digits, dots, dashes or underscores' })
  code: string;

  @ApiProperty({ example: 'Phí thẩm định hồ sơ' })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  name: string;

  @ApiProperty({ enum: FEE_KINDS, example: 'fee', description: '`fee` (phí) or `charge` (lệ phí).' })
  @IsIn(FEE_KINDS)
  kind: FeeKind;

  @ApiProperty({ example: 500000, description: 'Whole VND, more than 0.' })
  @IsInt()
  @Min(1)
  @Max(1_000_000_000_000)
  amountVnd: number;
}

export class AssessFeeRequest {
  @ApiProperty({ type: [AssessedFeeLineDto], description: 'The fees assessed, 1 to 20 lines.' })
  @IsNestedArray(() => AssessedFeeLineDto, { min: 1, max: 20 })
  lines: AssessedFeeLineDto[];

  @ApiProperty({ example: 'Phí thẩm định theo kết quả thẩm định hồ sơ', description: 'Why, for the applicant and the control sheet.' })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason: string;
}

export class CounterPaymentRequest {
  @ApiPropertyOptional({ example: '0b7c2d4e-1f3a-4b5c-8d9e-0f1a2b3c4d5e', description: 'The bill paid; absent: the dossier\'s oldest unpaid bill.' })
  @IsOptional()
  @IsUUID()
  billId?: string;

  @ApiProperty({ enum: ['cash', 'card'], example: 'cash' })
  @IsIn(['cash', 'card'])
  method: 'cash' | 'card';

  @ApiProperty({ example: 135000, description: 'Whole VND: the bill\'s amount (a 422 `amount-mismatch` otherwise).' })
  @IsInt()
  @Min(1)
  @Max(1_000_000_000_000)
  amountVnd: number;

  @ApiProperty({ example: 'PT-2026-000123', description: 'The number of the receipt slip the officer or postal worker gave (phiếu thu), or of the card terminal\'s slip.' })
  @Transform(trimmed)
  @IsString()
  @Matches(/^[\p{L}\p{N} ./_-]{1,60}$/u, { message: 'receiptNumber must be 1-60 letters, digits, spaces, dots, slashes, dashes or underscores' })
  receiptNumber: string;
}

export class RefundRequest {
  @ApiProperty({ example: '5c4b3a29-1807-4f6e-9d5c-4b3a29180706', description: 'The payment refunded.' })
  @IsUUID()
  paymentId: string;

  @ApiProperty({ example: 'Người nộp rút hồ sơ: hoàn trả lệ phí đã nộp' })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason: string;
}

export class VoidReceiptRequest {
  @ApiProperty({ example: 'Lập sai tên người nộp' })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason: string;
}

export class ReconciliationQuery {
  @ApiProperty({ example: '2026-03-16', description: 'The day, in Vietnam\'s calendar.' })
  @IsCalendarDate()
  date: string;

  @ApiPropertyOptional({ example: '000.00.00.H56', description: 'One agency\'s payments; absent: every agency the caller may see (a leader: theirs).' })
  @IsOptional()
  @IsAgencyCode({ example: '000.00.00.H56' })
  agencyCode?: string;
}

const TEXT = (max: number) => [IsString(), MaxLength(max)];
function Text(max: number): PropertyDecorator {
  return (target, key) => TEXT(max).forEach((decorator) => decorator(target, key));
}
function OptionalText(max: number): PropertyDecorator {
  return (target, key) => [IsOptional(), ...TEXT(max)].forEach((decorator) => decorator(target, key));
}

/** The platform's payment result (its callback), in its own field names. */
export class PaygovResultRequest {
  @ApiProperty({ example: 'PAY' })
  @Text(20)
  LoaiBanTin: string;

  @ApiProperty({ example: '00', description: '`00`: paid; anything else: the payment failed.' })
  @Text(10)
  MaLoi: string;

  @ApiProperty({ example: 'ONESTOP' })
  @Text(50)
  MaDoiTac: string;

  @ApiProperty({ example: 'B7K2M9QX4T2D01' })
  @Text(100)
  MaThamChieu: string;

  @ApiProperty({ type: String, pattern: '^\\d{1,15}$', example: '135000', description: 'Whole VND, as digits (a JSON integer is read as its digits).' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value))
  @IsString()
  @Matches(/^\d{1,15}$/, { message: 'SoTien must be whole VND, digits only' })
  SoTien: string;

  @ApiProperty({ example: 'VND' })
  @Text(5)
  MaTienTe: string;

  @ApiProperty({ example: 'PG2603160001' })
  @Text(100)
  MaGiaoDich: string;

  @ApiProperty({ example: 'VCB' })
  @Text(50)
  MaNganHang: string;

  @ApiProperty({ example: '20260316100612', description: 'yyyyMMddHHmmss, Vietnam\'s time.' })
  @Text(14)
  ThoiGianGD: string;

  @ApiPropertyOptional({ example: 'Thanh toan phi, le phi ho so 000.00.00.H56-260316-0001' })
  @OptionalText(500)
  ThongTinGiaoDich?: string;

  @ApiProperty({ example: '3f1c…', description: 'SHA-256 (hex) of LoaiBanTin|MaLoi|MaDoiTac|MaThamChieu|SoTien|MaTienTe|MaGiaoDich|MaNganHang|ThoiGianGD|ThongTinGiaoDich|<shared key>.' })
  @Text(128)
  MaXacThuc: string;
}

/** The platform asks for the bill of a dossier. */
export class PaygovBillQueryRequest {
  @ApiProperty({ example: 'BILL' })
  @Text(20)
  LoaiBanTin: string;

  @ApiProperty({ example: '1.0.0' })
  @Text(20)
  PhienBan: string;

  @ApiProperty({ example: 'ONESTOP' })
  @Text(50)
  MaDoiTac: string;

  @ApiProperty({ example: '000.00.00.H56-260316-0001', description: 'The dossier code (MaHoSo).' })
  @Text(60)
  MaHoSo: string;

  @ApiProperty({ example: '20260316100000' })
  @Text(14)
  ThoiGianGD: string;

  @ApiProperty({ example: '3f1c…', description: 'SHA-256 (hex) of LoaiBanTin|PhienBan|MaDoiTac|MaHoSo|ThoiGianGD|<shared key>.' })
  @Text(128)
  MaXacThuc: string;
}
