import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { ApiKeysController } from './api-keys.controller.js';
import { ApiKeysRepository } from './api-keys.repository.js';
import { ApiKeysService } from './api-keys.service.js';

/** API keys for machines: managed by admins, exchanged at the door for bearer tokens. */
@Module({ imports: [AuthModule], controllers: [ApiKeysController], providers: [ApiKeysService, ApiKeysRepository], exports: [ApiKeysService] })
export class ApiKeysModule {}
