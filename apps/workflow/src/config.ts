import { ServiceConfig } from '@onestop/platform';

export class WorkflowConfig extends ServiceConfig {}
