import 'reflect-metadata';
import { bootstrapService } from '@onestop/platform';
import { PostalModule } from './postal.module.js';

await bootstrapService(PostalModule, 'postal');
