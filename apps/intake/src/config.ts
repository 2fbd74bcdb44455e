import { ServiceConfig } from '@onestop/platform';

export class IntakeConfig extends ServiceConfig {}
