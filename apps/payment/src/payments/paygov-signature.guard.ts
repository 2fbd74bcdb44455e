import { type CanActivate, type ExecutionContext, Injectable, Logger } from '@nestjs/common';
import type { Request } from 'express';
import { Clock, ProblemException } from '@onestop/platform';
import { type PaygovMessageKind, verifiesMaXacThuc } from '../platform/paygov-messages.js';
import { PaymentPlatform } from '../platform/payment-platform.js';
import { ANSWER_CODES } from './online-payments.service.js';
import { PaymentsRepository } from './payments.repository.js';

/** Which message each of the platform's calls carries. */
const KIND_OF_PATH: Array<[RegExp, PaygovMessageKind]> = [
  [/\/payment-callbacks\/paygov\/bills$/, 'BILL_QUERY'],
  [/\/payment-callbacks\/paygov$/, 'RESULT'],
];

/**
 * Lets the platform's calls in only when their MaXacThuc verifies with the key shared with it,
 * over the fields as received, before the body is validated: nothing of an unauthenticated
 * message is looked at further. Each refusal is logged (reference and outcome only, never the
 * payer's name or ID) and answered 401 `invalid-signature` with MaLoi `07`.
 */
@Injectable()
export class PaygovSignatureGuard implements CanActivate {
  private readonly logger = new Logger('PaymentCallbacks');

  constructor(
    private readonly platform: PaymentPlatform,
    private readonly payments: PaymentsRepository,
    private readonly clock: Clock,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const path = request.path ?? request.url;
    const kind = KIND_OF_PATH.find(([pattern]) => pattern.test(path))?.[1] ?? 'RESULT';
    // MaXacThuc is over the fields' values (not the bytes), so the parsed body is checked, before validation.
    const body = request.body as unknown;
    const message = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
    if (message && verifiesMaXacThuc(kind, message, this.platform.secretKey)) return true;
    const reference = typeof message?.MaThamChieu === 'string' ? message.MaThamChieu : typeof message?.MaHoSo === 'string' ? message.MaHoSo : null;
    this.logger.warn(`refused a ${kind === 'RESULT' ? 'payment result' : 'bill query'} for ${reference ?? 'no reference'} from ${request.ip ?? 'unknown'}: ${message?.MaXacThuc ? 'MaXacThuc does not verify' : 'no MaXacThuc'}`);
    await this.payments
      .logCallback({ at: this.clock.now(), source: 'callback', reference, transactionId: typeof message?.MaGiaoDich === 'string' ? message.MaGiaoDich : null, amountVnd: null, outcome: 'refused', detail: `${kind}: MaXacThuc does not verify` })
      .catch(() => undefined);
    throw new ProblemException(401, 'invalid-signature', 'Unauthorized', 'The message\'s MaXacThuc does not verify with the key shared with the payment platform.', { MaLoi: ANSWER_CODES.badMaXacThuc, MoTaLoi: 'Sai mã xác thực' });
  }
}
