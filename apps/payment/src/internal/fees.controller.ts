import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ServiceTokenGuard } from '@onestop/platform';
import { PaymentsService } from '../payments/payments.service.js';

/**
 * For the national portal's connector (service credential only, never routed by the gateway):
 * a dossier's fee lines with how each was paid, for the portal's DanhSachLePhi. Each line has
 * `code`, `name`, `kind` (`fee` phí / `charge` lệ phí), `amountVnd`, `due`, `status` (`free`,
 * `open`, `paid`, `refunded`, `cancelled`), and for a paid one `paidAt`, `channel`, `method`.
 */
@ApiExcludeController()
@Controller('internal/dossiers')
@UseGuards(ServiceTokenGuard)
export class InternalFeesController {
  constructor(private readonly payments: PaymentsService) {}

  @Get(':code/fees')
  fees(@Param('code') code: string) {
    return this.payments.internalFees(code);
  }
}
