import { Module } from '@nestjs/common';
import { PlatformModule } from '@onestop/platform';
import { NotificationConfig } from './config.js';
import { NOTIFICATION_MIGRATIONS } from './migrations/index.js';

/** Notifications: tells applicants (SMS, email, Zalo) and officers (in-app notices) what happened, by following the other services' events. */
@Module({
  imports: [PlatformModule.forService({ service: 'notification', config: NotificationConfig, entities: [], migrations: NOTIFICATION_MIGRATIONS })],
  controllers: [],
  providers: [],
})
export class NotificationModule {}
