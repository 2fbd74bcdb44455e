import 'reflect-metadata';
import { bootstrapService } from '@onestop/platform';
import { ReportingModule } from './reporting.module.js';

await bootstrapService(ReportingModule, 'reporting');
