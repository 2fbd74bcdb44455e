import { Controller, Get, Headers, Param, Query, Req, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags, IntersectionType } from '@nestjs/swagger';
import { Access, ApiProblems, type AuthenticatedRequest, dossierCodeParam, FormFormatQuery, wantsPdf } from '@onestop/platform';
import { ApiLookupAttemptsLimited } from '../lookup/lookup-attempts.js';
import { applicantProof, LookupCodeQuery } from '../lookup/lookup-code.js';
import { DossiersService } from '../dossiers/dossiers.service.js';
import { FormsService } from '../forms/forms.service.js';
import { ReceiptView } from './receipt.views.js';
import { IntakeAccess } from '../access-policy.js';

/** `?format=pdf|json` and the receipt's lookup code (`?secret=`); nothing else. */
export class ReceiptQuery extends IntersectionType(FormFormatQuery, LookupCodeQuery) {}

@ApiTags('dossiers')
@Controller('dossiers')
export class ReceiptsController {
  constructor(
    private readonly dossiers: DossiersService,
    private readonly forms: FormsService,
  ) {}

  @Get(':code/receipt')
  @Access(IntakeAccess.readReceipt)
  @ApiOperation({
    summary: 'Read or print the receipt (form 01)',
    description: [
      'The receipt and appointment as JSON, or with `Accept: application/pdf` or `?format=pdf` as a printable A4 PDF (Vietnamese text, embedded font; `?format=json` for JSON whatever Accept says; any other query parameter is a 400).',
      'For the applicant and the officers of the receiving or competent agency (signed in; 404 for anyone else), and, without signing in, for whoever holds the dossier\'s lookup code, sent as `secret` (as at `/lookup`): an applicant who submitted at the counter or by post has no account, and reads or prints the receipt again with the code printed on it (also at `/dossiers/{code}/forms/01?secret=…`). A wrong lookup code is a 404, as an unknown dossier is, and counts towards the dossier\'s lookup limit (429 `too-many-lookup-attempts`); with neither a token nor `secret`, 401.',
      'It names the receiving officer (by the name their token gave), the channel, the fees and charges of the procedure version the dossier is judged by (left out when the catalog cannot be read), and for a dossier sent by post the tracking number of its envelope. A dossier handed in at the counter is signed by the applicant and the officer; an online or post receipt is sent to the applicant and asks for no signature, and only a result collected at the counter asks to bring the paper.',
    ].join('\n\n'),
  })
  @ApiParam(dossierCodeParam())
  @ApiProduces('application/json', 'application/pdf')
  @ApiOkResponse({ type: ReceiptView, description: 'Form 01.' })
  @ApiProblems(400, 401, 403, 404)
  @ApiLookupAttemptsLimited()
  async receipt(
    @Req() request: AuthenticatedRequest,
    @Param('code') code: string,
    @Query() query: ReceiptQuery,
    @Headers('accept') accept: string | undefined,
  ): Promise<ReceiptView | StreamableFile> {
    const dossier = await this.dossiers.readableBy(applicantProof(request, query.secret), code);
    if (wantsPdf(accept, query.format)) {
      return new StreamableFile(await this.forms.receiptPdf(dossier), { type: 'application/pdf', disposition: `inline; filename="bien-nhan-${dossier.code}.pdf"` });
    }
    return (await this.forms.receipt(dossier)).view;
  }
}
