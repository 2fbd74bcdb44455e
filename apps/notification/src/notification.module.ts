import { Module } from '@nestjs/common';
import { PlatformModule } from '@onestop/platform';
import { IntakeClient } from './clients/intake.client.js';
import { WorkflowClient } from './clients/workflow.client.js';
import { NotificationConfig } from './config.js';
import { NotificationComposer } from './events/notification-composer.service.js';
import { NotificationEventsHandler } from './events/notification-events.handler.js';
import { MessageDispatcher } from './messages/message-dispatcher.service.js';
import { MessageRetention } from './messages/message-retention.service.js';
import { MessagesController } from './messages/messages.controller.js';
import { MessagesRepository } from './messages/messages.repository.js';
import { MessagesService } from './messages/messages.service.js';
import { NOTIFICATION_MIGRATIONS } from './migrations/index.js';
import { NoticeStream } from './notices/notice-stream.service.js';
import { NoticesController } from './notices/notices.controller.js';
import { NoticesRepository } from './notices/notices.repository.js';
import { NoticesService } from './notices/notices.service.js';
import { PreferencesController } from './preferences/preferences.controller.js';
import { PreferencesRepository } from './preferences/preferences.repository.js';
import { MESSAGE_PROVIDERS } from './providers/providers.js';
import { SimulatedMessagesController } from './providers/simulated-messages.controller.js';
import { SimulatedMessagesRepository } from './providers/simulated-messages.repository.js';
import { ReceiptSignatureGuard } from './receipts/receipt-signature.guard.js';
import { ReceiptsController } from './receipts/receipts.controller.js';
import { TemplatesController } from './templates/templates.controller.js';
import { TemplatesRepository } from './templates/templates.repository.js';
import { TemplatesService } from './templates/templates.service.js';

/** Notifications: tells applicants (SMS, email, Zalo) and officers (in-app notices) what happened, by following the other services' events. */
@Module({
  imports: [PlatformModule.forService({ service: 'notification', config: NotificationConfig, entities: [], migrations: NOTIFICATION_MIGRATIONS })],
  controllers: [NoticesController, TemplatesController, PreferencesController, MessagesController, SimulatedMessagesController, ReceiptsController],
  providers: [
    IntakeClient,
    WorkflowClient,
    NotificationEventsHandler,
    NotificationComposer,
    MessagesRepository,
    MessagesService,
    MessageDispatcher,
    MessageRetention,
    NoticesRepository,
    NoticesService,
    NoticeStream,
    PreferencesRepository,
    TemplatesRepository,
    TemplatesService,
    SimulatedMessagesRepository,
    ...MESSAGE_PROVIDERS,
    ReceiptSignatureGuard,
  ],
})
export class NotificationModule {}
