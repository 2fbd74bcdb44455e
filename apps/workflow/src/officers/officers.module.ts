import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { OfficerSignInInterceptor } from './officer-sign-in.interceptor.js';
import { OfficersController } from './officers.controller.js';
import { OfficersRepository } from './officers.repository.js';
import { OfficersService } from './officers.service.js';

/** The directory of officers: learnt from every verified officer's call, kept by administrators. */
@Module({
  controllers: [OfficersController],
  providers: [OfficersRepository, OfficersService, { provide: APP_INTERCEPTOR, useClass: OfficerSignInInterceptor }],
  exports: [OfficersRepository, OfficersService],
})
export class OfficersModule {}
