import 'reflect-metadata';
import { bootstrapService } from '@onestop/platform';
import { WorkflowModule } from './workflow.module.js';

await bootstrapService(WorkflowModule, 'workflow');
