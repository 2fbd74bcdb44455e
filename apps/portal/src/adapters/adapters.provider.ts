import type { Provider } from '@nestjs/common';
import { PortalConfig } from '../config.js';
import { HttpMonitoringSystem, HttpNationalPortal } from './http-national-portal.js';
import { MonitoringSystem, NationalPortal } from './national-portal.js';
import { SimulatedMonitoringSystem, SimulatedNationalPortal } from './simulated-national-portal.js';

/** The portal pushes go to, as NATIONAL_PORTAL says (with `off` the simulated one is bound, and nothing is queued for it). */
export const NATIONAL_PORTAL_PROVIDER: Provider = {
  provide: NationalPortal,
  useFactory: (config: PortalConfig, simulated: SimulatedNationalPortal): NationalPortal =>
    config.NATIONAL_PORTAL === 'http'
      ? new HttpNationalPortal({
          authUrl: config.NATIONAL_PORTAL_AUTH_URL!,
          integrationUrl: config.NATIONAL_PORTAL_INTEGRATION_URL!,
          username: config.NATIONAL_PORTAL_USERNAME!,
          password: config.NATIONAL_PORTAL_PASSWORD!,
          dstcode: config.NATIONAL_PORTAL_DSTCODE!,
          unitCode: config.NATIONAL_PORTAL_UNIT_CODE,
          timeoutMs: config.NATIONAL_PORTAL_TIMEOUT_MS,
        })
      : simulated,
  inject: [PortalConfig, SimulatedNationalPortal],
};

export const MONITORING_SYSTEM_PROVIDER: Provider = {
  provide: MonitoringSystem,
  useFactory: (config: PortalConfig, simulated: SimulatedMonitoringSystem): MonitoringSystem =>
    config.EMC === 'http' ? new HttpMonitoringSystem({ url: config.EMC_URL!, apiKey: config.EMC_API_KEY!, timeoutMs: config.NATIONAL_PORTAL_TIMEOUT_MS }) : simulated,
  inject: [PortalConfig, SimulatedMonitoringSystem],
};
