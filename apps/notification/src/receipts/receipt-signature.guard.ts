import { type CanActivate, type ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { isValidBodySignature, ProblemException, type RawBodyRequest } from '@onestop/platform';
import { ReceiptSecret } from '../providers/providers.js';

/** The header providers sign their receipts in: `X-Provider-Signature: sha256=<hex>`. */
export const RECEIPT_SIGNATURE_HEADER = 'x-provider-signature';

/**
 * Lets a delivery receipt in only when signed with PROVIDER_RECEIPT_SECRET over the exact body
 * received, before the body is validated; each refusal is logged.
 */
@Injectable()
export class ReceiptSignatureGuard implements CanActivate {
  private readonly logger = new Logger('DeliveryReceipts');

  constructor(private readonly secret: ReceiptSecret) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<RawBodyRequest>();
    if (!isValidBodySignature(request.rawBody, request.header(RECEIPT_SIGNATURE_HEADER), this.secret.value)) {
      this.logger.warn(`refused a receipt from ${request.ip ?? 'unknown'}: ${request.header(RECEIPT_SIGNATURE_HEADER) ? 'bad signature' : 'no signature'}`);
      throw new ProblemException(401, 'invalid-receipt-signature', 'Unauthorized', `The receipt must be signed: ${RECEIPT_SIGNATURE_HEADER}: sha256=<HMAC-SHA256 of the body with the provider's secret>.`);
    }
    return true;
  }
}
