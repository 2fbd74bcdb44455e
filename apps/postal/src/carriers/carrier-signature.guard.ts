import { type CanActivate, type ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { ProblemException, type RawBodyRequest } from '@onestop/platform';
import { isValidSignature, SIGNATURE_HEADER } from './callback-signature.js';
import { Carrier } from './carrier.js';

/**
 * Lets a callback in only when it is signed by the carrier it names: HMAC-SHA256 of the exact
 * body received, compared in constant time. It runs before the body is validated, so nothing
 * of an unsigned request is looked at; each refusal is logged.
 */
@Injectable()
export class CarrierSignatureGuard implements CanActivate {
  private readonly logger = new Logger('CarrierCallbacks');

  constructor(private readonly carrier: Carrier) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<RawBodyRequest>();
    const named = String(request.params.carrier ?? '');
    if (named !== this.carrier.code) throw ProblemException.notFound('carrier-not-found', `No carrier ${named} sends callbacks here.`);
    if (!isValidSignature(request.rawBody, request.header(SIGNATURE_HEADER), this.carrier.callbackSecret)) {
      this.logger.warn(`refused a callback for ${named} from ${request.ip ?? 'unknown'}: ${request.header(SIGNATURE_HEADER) ? 'bad signature' : 'no signature'}`);
      throw new ProblemException(401, 'invalid-signature', 'Unauthorized', `The callback must be signed: ${SIGNATURE_HEADER}: sha256=<HMAC-SHA256 of the body with the carrier's secret>.`);
    }
    return true;
  }
}
