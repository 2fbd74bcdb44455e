import 'reflect-metadata';
import { bootstrapService } from '@onestop/platform';
import { NotificationModule } from './notification.module.js';

await bootstrapService(NotificationModule, 'notification');
