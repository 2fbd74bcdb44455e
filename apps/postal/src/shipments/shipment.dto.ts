import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsDefined, IsIn, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { AGENCY_CODE_PATTERN, CARRIER_STATUSES, type CarrierStatus, DELIVERY_FAILURE_REASONS, type DeliveryFailureReason, DOSSIER_CODE_PATTERN, SHIPMENT_KINDS, SHIPMENT_STATES, type ShipmentKind, type ShipmentState } from '@onestop/domain';
import { IsInstant, PageQuery, trimmed } from '@onestop/platform';

const RFC_3339 = 'RFC 3339, `YYYY-MM-DDTHH:MM:SS[.fraction]` then `Z` or an offset `±HH:MM`';

export class ShipmentListQuery extends PageQuery {
  @ApiPropertyOptional({ example: '000.00.01.H56-260316-0001', description: 'The shipments of one dossier (its pickup and its result delivery).' })
  @IsOptional()
  @Matches(DOSSIER_CODE_PATTERN, { message: 'dossierCode must be a dossier code such as 000.00.01.H56-260316-0001' })
  dossierCode?: string;

  @ApiPropertyOptional({ example: '000.00.01.H56', description: 'One of the caller\'s agencies; all of them when omitted.' })
  @IsOptional()
  @Matches(AGENCY_CODE_PATTERN, { message: 'agencyCode must be an agency code such as 000.00.01.H56' })
  agencyCode?: string;

  @ApiPropertyOptional({ enum: SHIPMENT_KINDS })
  @IsOptional()
  @IsIn(SHIPMENT_KINDS)
  kind?: ShipmentKind;

  @ApiPropertyOptional({ enum: SHIPMENT_STATES })
  @IsOptional()
  @IsIn(SHIPMENT_STATES)
  status?: ShipmentState;

  @ApiPropertyOptional({ example: 'EB123456789VN' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  trackingNumber?: string;

  @ApiPropertyOptional({ example: '2026-03-01T00:00:00+07:00', format: 'date-time', description: `Registered at or after (${RFC_3339}).` })
  @IsOptional()
  @IsInstant()
  createdFrom?: string;

  @ApiPropertyOptional({ example: '2026-04-01T00:00:00+07:00', format: 'date-time', description: 'Registered before (RFC 3339, as `createdFrom`).' })
  @IsOptional()
  @IsInstant()
  createdTo?: string;
}

export class CancelShipmentRequest {
  @ApiProperty({ example: 'Công dân đến nhận kết quả trực tiếp tại bộ phận một cửa' })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason: string;
}

export class PickupParcelDto {
  @ApiProperty({ example: 350, description: 'Weight of the sealed envelope, grams.' })
  @IsInt()
  @Min(1)
  @Max(30000)
  weightGrams: number;

  @ApiPropertyOptional({ example: 'Hồ sơ TTHC niêm phong' })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  description?: string;
}

/**
 * A dossier a postal worker collected from the applicant (checked against the procedure's list,
 * sealed, fees collected, postal receipt issued), to carry to the receiving agency.
 */
export class RegisterPickupRequest {
  @ApiProperty({ example: 'EB123456789VN', description: 'The postal operator\'s tracking number of the envelope.' })
  @Matches(/^[A-Za-z0-9-]{6,40}$/, { message: 'trackingNumber must be 6-40 letters, digits or dashes' })
  trackingNumber: string;

  @ApiPropertyOptional({ example: '2026-03-16T09:30:00+07:00', format: 'date-time', description: `When the postal worker collected it (${RFC_3339}); now when omitted. Not in the future, not older than 30 days.` })
  @IsOptional()
  @IsInstant()
  collectedAt?: string;

  @ApiProperty({ type: PickupParcelDto })
  @ValidateNested()
  @Type(() => PickupParcelDto)
  parcel: PickupParcelDto;

  @ApiProperty({ example: 25000, description: 'Postage, whole VND.' })
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  postageVnd: number;

  @ApiPropertyOptional({ example: 135000, default: 0, description: 'Fees the postal worker collected on the agency\'s behalf, whole VND.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  codVnd: number = 0;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: {
      procedureCode: '1.004005',
      agencyCode: '000.00.01.H56',
      applicant: { kind: 'person', name: 'Nguyễn Văn An', idNumber: '035090001234', phone: '0912345678', address: { detail: 'Số 12 đường Trần Phú', commune: 'Phường Hai Bà Trưng', province: 'Hà Nam' } },
      documents: [{ requirement: 1 }, { requirement: 2 }],
      resultDelivery: { method: 'post', address: { detail: 'Số 12 đường Trần Phú', commune: 'Phường Hai Bà Trưng', province: 'Hà Nam' } },
    },
    description:
      'The dossier as for `POST /dossiers` (procedureCode, agencyCode, applicant, documents, resultDelivery, feesPaidOnline) without `channel` and `receivedAt`: it is received on the post channel when handed over at the agency, at the hand-over time. Checked now by intake\'s reception rules.',
  })
  @IsDefined()
  @IsObject()
  dossier: Record<string, unknown>;
}

export class HandoverRequest {
  @ApiPropertyOptional({
    example: '2026-03-17T09:30:00+07:00',
    format: 'date-time',
    description: `When the postal worker handed the envelope over (${RFC_3339}); now when omitted. Ignored when the carrier already reported the delivery (its time is the receipt time).`,
  })
  @IsOptional()
  @IsInstant()
  handedOverAt?: string;
}

/**
 * A carrier's news of a shipment, POSTed to `/carrier-callbacks/{carrier}` and signed:
 * `X-Carrier-Signature: sha256=<hex HMAC-SHA256 of the exact body with the shared secret>`.
 */
export class CarrierCallbackRequest {
  @ApiProperty({ example: 'EB123456789VN-4', description: 'The carrier\'s id of this event; a repeated callback with it changes nothing.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  eventId: string;

  @ApiProperty({ example: 'EB123456789VN' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  trackingNumber: string;

  @ApiProperty({ enum: CARRIER_STATUSES, example: 'delivered' })
  @IsIn(CARRIER_STATUSES)
  status: CarrierStatus;

  @ApiProperty({ example: '2026-03-21T09:00:00+07:00', format: 'date-time', description: `When it happened at the carrier (${RFC_3339}): news older than what was applied is kept but never moves the shipment back.` })
  @IsInstant()
  occurredAt: string;

  @ApiPropertyOptional({ example: 4, description: 'The carrier\'s order of the shipment\'s events, for events at the same time.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  sequence?: number;

  @ApiPropertyOptional({ enum: DELIVERY_FAILURE_REASONS, example: 'receiver_absent' })
  @IsOptional()
  @IsIn(DELIVERY_FAILURE_REASONS)
  reasonCode?: DeliveryFailureReason;

  @ApiPropertyOptional({ example: 'Người nhận vắng nhà' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;

  @ApiPropertyOptional({ example: 'Bưu cục Phủ Lý' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  location?: string;
}
