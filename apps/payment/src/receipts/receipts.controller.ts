import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query, Req, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Access, admitted, ApiProblems, type AuthenticatedRequest, type Caller, CurrentCaller, ProblemException, wantsPdf } from '@onestop/platform';
import { PaymentAccess } from '../access-policy.js';
import { FeeReceiptQuery, VoidReceiptRequest } from '../payments/payment.dto.js';
import { FeeReceiptView } from '../payments/payment.views.js';
import { PaymentsService } from '../payments/payments.service.js';

const RECEIPT_ID = { name: 'id', example: '7d1e2f3a-4b5c-4d6e-8f90-1a2b3c4d5e6f', description: 'The receipt\'s id (from the dossier\'s payments).' };
const uuid = new ParseUUIDPipe({ exceptionFactory: () => ProblemException.badRequest('validation-failed', 'The receipt id is not a UUID.', [{ field: 'id', reason: 'must be a UUID' }]) });

@ApiTags('payments')
@Controller('receipts')
export class ReceiptsController {
  constructor(private readonly service: PaymentsService) {}

  @Get(':id')
  @Access(PaymentAccess.readDossierFees)
  @ApiOperation({
    summary: 'Read or print an electronic receipt',
    description: [
      'The receipt of one payment (biên lai điện tử): its number in the agency\'s series of the year, the payer, each fee line, how it was paid, and whether it was voided or its payment refunded. JSON, or with `Accept: application/pdf` or `?format=pdf` a printable A4 PDF in Vietnamese (`?format=json` wins over Accept).',
      'With the dossier\'s lookup code as `secret`, or signed in as for the dossier\'s fees (`GET /payments/dossiers/{code}`); anyone else gets a 404.',
    ].join('\n\n'),
  })
  @ApiParam(RECEIPT_ID)
  @ApiProduces('application/json', 'application/pdf')
  @ApiOkResponse({ type: FeeReceiptView })
  @ApiProblems(400, 401, 403, 404, 429)
  async read(@Req() request: AuthenticatedRequest, @Param('id', uuid) id: string, @Query() query: FeeReceiptQuery, @Headers('accept') accept: string | undefined): Promise<FeeReceiptView | StreamableFile> {
    if (query.secret === undefined) admitted(PaymentAccess.readDossierFees, request.caller);
    const receipt = await this.service.receipt(id);
    await this.service.readable({ request, secret: query.secret }, receipt.dossierCode).catch((error: unknown) => {
      // Not the reader's: the same 404 as an unknown receipt.
      if (error instanceof ProblemException && error.getStatus() === 404) throw ProblemException.notFound('receipt-not-found', `No receipt ${id} that you may see.`);
      throw error;
    });
    if (wantsPdf(accept, query.format)) {
      return new StreamableFile(await receipt.pdf(), { type: 'application/pdf', disposition: `inline; filename="bien-lai-${receipt.view.number}.pdf"` });
    }
    return receipt.view;
  }

  @Post(':id/void')
  @Access(PaymentAccess.refund)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Void a receipt',
    description: 'For a reception officer or leader of the dossier\'s agencies: the receipt is kept, marked voided with the reason, who and when, and prints as voided; it is never deleted. Voided already is a 409 `receipt-voided`.',
  })
  @ApiParam(RECEIPT_ID)
  @ApiOkResponse({ type: FeeReceiptView })
  @ApiProblems(400, 401, 403, 404, 409)
  async void(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string, @Body() request: VoidReceiptRequest): Promise<FeeReceiptView> {
    return this.service.voidReceipt(caller, id, request.reason);
  }
}
