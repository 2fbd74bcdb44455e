import { ServiceConfig } from '@onestop/platform';

/** Reporting only receives events; it calls no other service. */
export class ReportingConfig extends ServiceConfig {}
