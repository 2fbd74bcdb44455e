import { ServiceConfig } from '@onestop/platform';

export class PostalConfig extends ServiceConfig {}
