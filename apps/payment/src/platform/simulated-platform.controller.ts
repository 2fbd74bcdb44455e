import { Body, Controller, Get, Header, Param, Put, Query, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { formatLocal } from '@onestop/domain';
import { ProblemException, ServiceTokenGuard, vietnameseMoney } from '@onestop/platform';
import { SimulatedPlatform, type SimulatedPlatformBehaviour } from './simulated-platform.js';

export class SimulatedPlatformBehaviourRequest {
  @IsOptional()
  @IsBoolean()
  available?: boolean;

  @IsOptional()
  @IsBoolean()
  callbacks?: boolean;
}

export class SimulatedPageQuery {
  @IsOptional()
  @IsIn(['pay', 'fail'])
  outcome?: 'pay' | 'fail';
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escape(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem;color:#1b1b1b}h1{font-size:1.3rem}.amount{font-size:1.6rem;font-weight:600}
a.button{display:inline-block;margin:.5rem .5rem 0 0;padding:.7rem 1.2rem;border-radius:.4rem;text-decoration:none;color:#fff;background:#0b5cad}a.fail{background:#9b1c1c}small{color:#666}</style></head>
<body><p><small>Nền tảng thanh toán mô phỏng: không có khoản tiền nào được trừ thật.</small></p>${body}</body></html>`;
}

/**
 * The simulated platform's payment page, served by payment itself as the real platform's would
 * be (development and `npm start` only; 404 with PAYMENT_PLATFORM=paygov): the bill, and a
 * click that pays or fails it. Paying calls payment back as the platform does.
 */
@ApiExcludeController()
@Controller('payment-callbacks/simulated')
export class SimulatedPaymentPageController {
  constructor(private readonly simulated: SimulatedPlatform) {}

  @Get(':reference')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  async page(@Param('reference') reference: string, @Query() query: SimulatedPageQuery): Promise<string> {
    if (!this.simulated.active) throw ProblemException.notFound('platform-not-simulated', 'The simulated payment platform is not the configured platform.');
    let row = await this.simulated.find(reference);
    if (!row) throw ProblemException.notFound('transaction-not-found', `No transaction ${reference} on the simulated platform.`);
    if (query.outcome && row.state === 'pending') row = (await this.simulated.decide(reference, query.outcome))!;
    const head = `<h1>Thanh toán phí, lệ phí hồ sơ ${escape(row.dossier_code)}</h1><p class="amount">${escape(vietnameseMoney(Number(row.amount_vnd)))}</p><p>${escape(row.description)}<br><small>Mã tham chiếu ${escape(row.reference)}</small></p>`;
    if (row.state === 'paid') {
      return page('Đã thanh toán', `${head}<p><strong>Thanh toán thành công</strong> lúc ${escape(formatLocal(row.paid_at!))}, mã giao dịch ${escape(row.transaction_id!)} (${escape(row.bank_code ?? '')}).</p><p>Quay lại Cổng dịch vụ công để xem biên lai.</p>`);
    }
    if (row.state === 'failed') return page('Không thành công', `${head}<p><strong>Giao dịch không thành công.</strong> Quay lại Cổng dịch vụ công để thanh toán lại.</p>`);
    const self = encodeURIComponent(reference);
    return page('Thanh toán', `${head}<p><a class="button" href="${self}?outcome=pay">Thanh toán</a><a class="button fail" href="${self}?outcome=fail">Hủy giao dịch</a></p>`);
  }
}

/**
 * Development and tests only (service credential, not routed by the gateway): tell the simulated
 * platform to be down or to stop calling back (its payments then settle by polling). 404 when
 * PayGov is configured.
 */
@ApiExcludeController()
@Controller('internal/simulated-platform')
@UseGuards(ServiceTokenGuard)
export class SimulatedPlatformController {
  constructor(private readonly simulated: SimulatedPlatform) {}

  @Get()
  behaviour(): SimulatedPlatformBehaviour {
    this.requireActive();
    return this.simulated.currentBehaviour();
  }

  @Put()
  behave(@Body() change: SimulatedPlatformBehaviourRequest): SimulatedPlatformBehaviour {
    this.requireActive();
    return this.simulated.behave(change);
  }

  private requireActive(): void {
    if (!this.simulated.active) throw ProblemException.notFound('platform-not-simulated', 'The simulated payment platform is not the configured platform.');
  }
}

