import { Body, Controller, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { ServiceTokenGuard } from '@onestop/platform';
import { type CaseWithdrawal, CasesService } from '../cases/cases.service.js';

export class CaseWithdrawalRequest {
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason: string;
}

/**
 * For intake (service credential only, never routed by the gateway): the applicant asks to
 * withdraw, and the case's owner decides. 200 with the withdrawal; 409 `dossier-not-withdrawable`
 * once the result is issued or the case is final; 409 `case-opening` (Retry-After) while the
 * dossier's case is not open yet.
 */
@ApiExcludeController()
@Controller('internal/cases')
@UseGuards(ServiceTokenGuard)
export class InternalWithdrawalController {
  constructor(private readonly cases: CasesService) {}

  @Post(':code/withdrawal')
  @HttpCode(200)
  withdraw(@Param('code') code: string, @Body() request: CaseWithdrawalRequest): Promise<CaseWithdrawal> {
    return this.cases.withdraw(code, request.reason);
  }
}
