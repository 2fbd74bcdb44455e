import 'reflect-metadata';
import { bootstrapService } from '@onestop/platform';
import { IntakeModule } from './intake.module.js';

await bootstrapService(IntakeModule, 'intake');
