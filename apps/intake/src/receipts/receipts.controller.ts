import { Controller, Get, Headers, Param, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiProblems, type Caller, CurrentCaller, prefersPdf, Roles } from '@onestop/platform';
import { DossiersService } from '../dossiers/dossiers.service.js';
import { ReceiptView } from './receipt.views.js';
import { ReceiptsService } from './receipts.service.js';


@ApiTags('dossiers')
@Controller('dossiers')
export class ReceiptsController {
  constructor(
    private readonly dossiers: DossiersService,
    private readonly receipts: ReceiptsService,
  ) {}

  @Get(':code/receipt')
  @Roles('citizen', 'reception', 'specialist', 'leader', 'admin')
  @ApiOperation({
    summary: 'Read or print the receipt (form 01)',
    description: 'The receipt and appointment as JSON, or with `Accept: application/pdf` as a printable A4 PDF (Vietnamese text, embedded font).',
  })
  @ApiParam({ name: 'code', example: '000.00.01.H56-260316-0001' })
  @ApiProduces('application/json', 'application/pdf')
  @ApiOkResponse({ type: ReceiptView, description: 'Form 01.' })
  @ApiProblems(401, 403, 404)
  async receipt(
    @CurrentCaller() caller: Caller,
    @Param('code') code: string,
    @Headers('accept') accept: string | undefined,
  ): Promise<ReceiptView | StreamableFile> {
    const dossier = await this.dossiers.visible(caller, code);
    if (prefersPdf(accept)) {
      return new StreamableFile(await this.receipts.receiptPdf(dossier), { type: 'application/pdf', disposition: `inline; filename="bien-nhan-${dossier.code}.pdf"` });
    }
    return this.receipts.receipt(dossier);
  }
}
