import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Access, ApiProblems, ProblemException } from '@onestop/platform';
import { PaymentAccess } from '../access-policy.js';
import { PaygovBillQueryRequest, PaygovResultRequest } from './payment.dto.js';
import { OnlinePaymentsService, RefusedResult } from './online-payments.service.js';
import { PaygovSignatureGuard } from './paygov-signature.guard.js';

class PlatformAnswerView {
  @ApiProperty({ example: '00', description: '`00`: taken.' })
  MaLoi: string;

  @ApiProperty({ example: 'Thành công' })
  MoTaLoi: string;
}

class PaygovFeeLineView {
  @ApiProperty({ example: 2, description: '1 phí, 2 lệ phí.' })
  LoaiPhiLePhi: number;

  @ApiProperty({ example: 'LP-1' })
  MaPhiLePhi: string;

  @ApiProperty({ example: 'Lệ phí cấp giấy phép lái xe' })
  TenPhiLePhi: string;

  @ApiProperty({ example: 135000 })
  SoTien: number;
}

class PaygovReceiptInfoView {
  @ApiProperty({ example: '1' })
  MaDichVu: string;

  @ApiProperty({ example: '1.003560' })
  MaTTHC: string;

  @ApiProperty({ example: '000.00.00.H56' })
  MaDonVi: string;

  @ApiProperty({ example: '000.00.00.H56-260316-0001' })
  MaHoSo: string;

  @ApiProperty({ example: 'Nguyễn Văn An' })
  HoTenNguoiNop: string;

  @ApiProperty({ example: '001085012345' })
  SoCMNDNguoiNop: string;

  @ApiProperty({ type: [PaygovFeeLineView] })
  PhiLePhi: PaygovFeeLineView[];
}

class PaygovBillAnswerView extends PlatformAnswerView {
  @ApiProperty({ example: 'ONESTOP' })
  MaDoiTac: string;

  @ApiProperty({ example: '000.00.00.H56-260316-0001' })
  MaHoSo: string;

  @ApiProperty({ example: 'B7K2M9QX4T2D02', description: 'The reference to pay under; empty when there is nothing to pay.' })
  MaThamChieu: string;

  @ApiProperty({ example: '135000' })
  SoTien: string;

  @ApiProperty({ example: 'VND' })
  MaTienTe: string;

  @ApiProperty({ type: PaygovReceiptInfoView, required: false })
  ThongTinBienLai?: PaygovReceiptInfoView;

  @ApiProperty({ example: '9be1…', description: 'SHA-256 (hex) of MaLoi|MaDoiTac|MaHoSo|MaThamChieu|SoTien|MaTienTe|<shared key>.' })
  MaXacThuc: string;
}

function refused(error: unknown): never {
  if (error instanceof RefusedResult) throw new ProblemException(error.status, error.problemCode, error.status === 404 ? 'Not Found' : 'Unprocessable Content', error.message, { ...error.answer });
  throw error;
}

/** The national payment platform's calls to us: its payment results and its bill queries. */
@ApiTags('payments')
@Controller('payment-callbacks')
export class PlatformCallbacksController {
  constructor(private readonly online: OnlinePaymentsService) {}

  @Post('paygov')
  @Access(PaymentAccess.receivePlatformCallback)
  @UseGuards(PaygovSignatureGuard)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Receive the payment platform\'s result of a payment',
    description: [
      'For the national payment platform (PayGov), no sign-in: the message\'s MaXacThuc (SHA-256 over its fields and the key shared with the platform) decides. We answer `{ MaLoi, MoTaLoi }`: `00` when taken.',
      'A MaXacThuc that does not verify is a 401 `invalid-signature` (MaLoi `07`); an unknown MaThamChieu a 404 `bill-not-found` (`02`); a success whose amount or currency is not the bill\'s, or of another partner code, a 422 `amount-mismatch` (`03`, `01`). Each refusal is logged without the payer\'s data, and changes nothing.',
      'The same result twice, late (after polling settled it), or before the applicant is back from the payment page is taken once: a repeat answers `00` and changes nothing. A second payment of a bill already paid (another MaGiaoDich) is recorded as a duplicate and refunded automatically. A failure (MaLoi other than `00`) closes that attempt; the applicant may start another.',
    ].join('\n\n'),
  })
  @ApiOkResponse({ type: PlatformAnswerView })
  @ApiProblems(400, 401, 404, 422)
  async result(@Body() result: PaygovResultRequest): Promise<PlatformAnswerView> {
    try {
      return (await this.online.receiveResult({ ...result }, 'callback')).answer;
    } catch (error) {
      refused(error);
    }
  }

  @Post('paygov/bills')
  @Access(PaymentAccess.receivePlatformCallback)
  @UseGuards(PaygovSignatureGuard)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Answer the payment platform\'s query for a dossier\'s bill',
    description:
      'For the national payment platform, no sign-in: MaXacThuc over LoaiBanTin|PhienBan|MaDoiTac|MaHoSo|ThoiGianGD and the shared key decides (401 `invalid-signature`, MaLoi `07`, otherwise). A payer who comes to the platform\'s own portal with a dossier code is shown its oldest unpaid bill: the amount, the fee lines, the payer, and a MaThamChieu of its own to pay under, whose result comes back as any other. A dossier with nothing to pay answers MaLoi `02`. The answer carries our MaXacThuc.',
  })
  @ApiOkResponse({ type: PaygovBillAnswerView })
  @ApiProblems(400, 401)
  async bill(@Body() query: PaygovBillQueryRequest): Promise<PaygovBillAnswerView> {
    try {
      return (await this.online.billQuery({ ...query })) as unknown as PaygovBillAnswerView;
    } catch (error) {
      refused(error);
    }
  }
}
