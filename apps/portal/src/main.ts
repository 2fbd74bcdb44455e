import 'reflect-metadata';
import { bootstrapService } from '@onestop/platform';
import { PortalModule } from './portal.module.js';

await bootstrapService(PortalModule, 'portal');
