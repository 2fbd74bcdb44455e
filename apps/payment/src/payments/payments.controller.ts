import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProperty, ApiTags } from '@nestjs/swagger';
import { formatLocal } from '@onestop/domain';
import { Access, ApiProblems, type AuthenticatedRequest, type Caller, CurrentCaller, dossierCodeParam, ProblemException } from '@onestop/platform';
import { PaymentAccess } from '../access-policy.js';
import { AccountsRepository } from '../accounts/accounts.repository.js';
import { FeesService } from '../accounts/fees.service.js';
import { AssessFeeRequest, CounterPaymentRequest, FeesLookupQuery, ReconciliationQuery, RefundRequest } from './payment.dto.js';
import { BillView, billView, DossierFeesView, OnlinePaymentStartView, PaymentView, RefundView } from './payment.views.js';
import { OnlinePaymentsService } from './online-payments.service.js';
import { PaymentsService } from './payments.service.js';

class ReconciliationTotalsView {
  @ApiProperty({ example: 3 })
  count: number;

  @ApiProperty({ example: 405000, description: 'Whole VND.' })
  amountVnd: number;
}

class ReconciliationDifferenceView {
  @ApiProperty({ enum: ['platform_only', 'recorded_only', 'amount_differs'], example: 'platform_only', description: '`platform_only`: settled by the platform, not recorded here; `recorded_only`: recorded here, not in the platform\'s list; `amount_differs`: both, with different amounts.' })
  kind: string;

  @ApiProperty({ type: String, nullable: true, example: 'B7K2M9QX4T2D01' })
  reference: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'PG2603160001' })
  transactionId: string | null;

  @ApiProperty({ type: Number, nullable: true, example: 135000 })
  platformAmountVnd: number | null;

  @ApiProperty({ type: Number, nullable: true, example: null })
  recordedAmountVnd: number | null;

  @ApiProperty({ type: String, nullable: true, example: null })
  dossierCode: string | null;
}

class ReconciliationView {
  @ApiProperty({ example: '2026-03-16' })
  date: string;

  @ApiProperty({ type: String, nullable: true, example: '000.00.00.H56' })
  agencyCode: string | null;

  @ApiProperty({ type: ReconciliationTotalsView, description: 'What the platform reports settled that day.' })
  platform: ReconciliationTotalsView;

  @ApiProperty({ type: ReconciliationTotalsView, description: 'The online payments recorded here that day.' })
  recorded: ReconciliationTotalsView;

  @ApiProperty({ type: [ReconciliationDifferenceView], description: 'Empty when both agree.' })
  differences: ReconciliationDifferenceView[];
}

const LOOKUP = 'With the dossier\'s lookup code as `secret` (intake checks it, and counts wrong ones towards the dossier\'s limit: a 429 `too-many-lookup-attempts` past it), or signed in: the applicant (as intake judges), an officer of the receiving or competent agency, the postal operator, an admin. Anyone else gets a 404, as for an unknown dossier; with neither a token nor `secret`, 401.';

@ApiTags('payments')
@Controller('payments')
export class PaymentsController {
  constructor(
    private readonly service: PaymentsService,
    private readonly fees: FeesService,
    private readonly online: OnlinePaymentsService,
    private readonly accounts: AccountsRepository,
  ) {}

  @Get('dossiers/:code')
  @Access(PaymentAccess.readDossierFees)
  @ApiOperation({
    summary: 'Read a dossier\'s fees, bills, payments and receipts',
    description: [
      'The fee lines assessed at reception (from the procedure version the dossier is judged by) and during processing, the bills that ask for them (`open`, `paid`, `cancelled` when the dossier is refused, stopped or withdrawn) with their attempts on the national payment platform, and every payment with its electronic receipt and refund. A second payment of a bill already paid shows as `duplicate` with its automatic refund.',
      LOOKUP,
    ].join('\n\n'),
  })
  @ApiParam(dossierCodeParam())
  @ApiOkResponse({ type: DossierFeesView })
  @ApiProblems(400, 401, 403, 404, 429)
  async read(@Req() request: AuthenticatedRequest, @Param('code') code: string, @Query() query: FeesLookupQuery): Promise<DossierFeesView> {
    return this.service.view(await this.service.readable({ request, secret: query.secret }, code));
  }

  @Post('dossiers/:code/fees')
  @Access(PaymentAccess.assessFee)
  @ApiOperation({
    summary: 'Assess a fee during processing',
    description:
      'For an officer of the dossier\'s receiving or competent agency: fees that depend on the appraisal. They make one bill, due before the result; the dossier goes to national status 6 ("payment of fees requested") and its clock stops until the bill is paid (PaymentRequested, then FeePaid), as a supplement request does. A dossier with an unpaid bill is a 409 `bill-open`; a refused, stopped or withdrawn one a 409 `dossier-closed`; a line code the dossier has already a 422 `invalid-fee-lines` naming the field.',
  })
  @ApiParam(dossierCodeParam())
  @ApiCreatedResponse({ type: BillView, description: 'The bill.' })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  async assess(@CurrentCaller() caller: Caller, @Param('code') code: string, @Body() request: AssessFeeRequest): Promise<BillView> {
    await this.service.actedOn(caller, code, PaymentAccess.assessFee.allows);
    const bill = await this.fees.assess(
      caller,
      code,
      request.lines.map((line) => ({ code: line.code, name: line.name, kind: line.kind, amountVnd: line.amountVnd, due: 'before_result' })),
      request.reason,
    );
    return billView(bill, await this.accounts.lines(code), []);
  }

  @Post('dossiers/:code/online')
  @Access(PaymentAccess.readDossierFees)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Pay the dossier\'s bill online',
    description: [
      'Opens the national payment platform\'s payment page for the dossier\'s oldest unpaid bill (INIT, authenticated with MaXacThuc) and answers its address: send the applicant there. Asked again while that page is open, it answers the same page. The platform tells us the result by its callback (believed only when its MaXacThuc verifies and its amount and currency are the bill\'s) or, when none comes, when polled; the payment is recorded once, whichever comes first, and its receipt issued.',
      'No unpaid bill is a 409 `nothing-to-pay`; a lapsed one a 409 `bill-expired`; the platform not answering a 503 `payment-platform-unavailable`.',
      LOOKUP,
    ].join('\n\n'),
  })
  @ApiParam(dossierCodeParam())
  @ApiOkResponse({ type: OnlinePaymentStartView })
  @ApiProblems(400, 401, 403, 404, 409, 429, 503)
  async payOnline(@Req() request: AuthenticatedRequest, @Param('code') code: string, @Query() query: FeesLookupQuery): Promise<OnlinePaymentStartView> {
    await this.service.readable({ request, secret: query.secret }, code);
    const { bill, attempt } = await this.online.start(code, request.ip ?? '127.0.0.1');
    return { billId: bill.id, reference: attempt.reference, amountVnd: Number(bill.amountVnd), paymentUrl: attempt.paymentUrl, pageExpiresAt: formatLocal(attempt.pageExpiresAt) };
  }

  @Post('dossiers/:code/counter-payments')
  @Access(PaymentAccess.recordCounterPayment)
  @ApiOperation({
    summary: 'Record a payment at the counter or to the postal worker',
    description:
      'For a reception officer of the dossier\'s receiving or competent agency, or the postal operator (a postal worker collecting the fees of a dossier sent by post): cash or card, with the number of the slip given. The bill is paid, its electronic receipt issued in the agency\'s series and processing resumes if it waited. The amount must be the bill\'s (422 `amount-mismatch`); a bill paid (online, meanwhile) or cancelled is a 409 `bill-not-open`, and no money is to be taken; no unpaid bill a 409 `nothing-to-pay`.',
  })
  @ApiParam(dossierCodeParam())
  @ApiCreatedResponse({ type: PaymentView })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  async counter(@CurrentCaller() caller: Caller, @Param('code') code: string, @Body() request: CounterPaymentRequest): Promise<PaymentView> {
    const account = await this.service.actedOn(caller, code, PaymentAccess.recordCounterPayment.allows);
    return this.service.recordCounterPayment(caller, account, request);
  }

  @Post('dossiers/:code/refunds')
  @Access(PaymentAccess.refund)
  @ApiOperation({
    summary: 'Refund a payment',
    description:
      'For a reception officer or leader of the dossier\'s agencies: a refused or withdrawn dossier\'s paid fees are returned, recorded with the reason and who (FeeRefunded). The receipt stays, showing the refund. A payment refunded already is a 409 `already-refunded`; one of another dossier a 404 `payment-not-found`.',
  })
  @ApiParam(dossierCodeParam())
  @ApiCreatedResponse({ type: RefundView })
  @ApiProblems(400, 401, 403, 404, 409)
  async refund(@CurrentCaller() caller: Caller, @Param('code') code: string, @Body() request: RefundRequest): Promise<RefundView> {
    const account = await this.service.actedOn(caller, code, PaymentAccess.refund.allows);
    return this.service.refund(caller, account, request.paymentId, request.reason);
  }

  @Get('reconciliation')
  @Access(PaymentAccess.reconcile)
  @ApiOperation({
    summary: 'Reconcile a day with the payment platform',
    description:
      'Per day (Vietnam\'s calendar) and agency: the transactions the national payment platform reports settled against the online payments recorded here, matched by MaGiaoDich, with every difference listed (`platform_only`, `recorded_only`, `amount_differs`). A leader sees their agencies only (an `agencyCode` of another is a 403); viewers and admins every agency. The platform not answering is a 503 `payment-platform-unavailable`.',
  })
  @ApiOkResponse({ type: ReconciliationView })
  @ApiProblems(400, 401, 403, 503)
  async reconcile(@CurrentCaller() caller: Caller, @Query() query: ReconciliationQuery): Promise<ReconciliationView> {
    if (!PaymentAccess.reconcile.seesEveryAgency(caller)) {
      const agency = query.agencyCode ?? caller.agencyCodes[0];
      if (!agency || !caller.agencyCodes.includes(agency)) throw new ProblemException(403, 'forbidden', 'Forbidden', 'A leader reconciles the payments of their own agencies.');
      return this.service.reconcile(query.date, agency);
    }
    return this.service.reconcile(query.date, query.agencyCode);
  }
}
