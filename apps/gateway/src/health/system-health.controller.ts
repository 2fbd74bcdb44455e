import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { BACKEND_SERVICES, type BackendService } from '@onestop/domain';
import { ServiceClient } from '@onestop/platform';

interface ServiceHealth {
  status: 'up' | 'down';
  latencyMs: number;
  detail?: string;
}

/** `/health`: the gateway and every service it routes to, each checked for readiness. */
@ApiExcludeController()
@Controller('health')
export class SystemHealthController {
  constructor(private readonly client: ServiceClient) {}

  @Get()
  async health(@Res({ passthrough: true }) res: Response): Promise<{ status: 'up' | 'degraded'; services: Record<BackendService, ServiceHealth> }> {
    const entries = await Promise.all(
      BACKEND_SERVICES.map(async (service): Promise<[BackendService, ServiceHealth]> => {
        const started = Date.now();
        try {
          const response = await this.client.request(service, { path: '/health/ready', idempotent: false });
          const status = response.status === 200 ? 'up' : 'down';
          return [service, { status, latencyMs: Date.now() - started, ...(status === 'down' ? { detail: `HTTP ${response.status}` } : {}) }];
        } catch {
          return [service, { status: 'down', latencyMs: Date.now() - started, detail: 'unreachable' }];
        }
      }),
    );
    const services = Object.fromEntries(entries) as Record<BackendService, ServiceHealth>;
    const allUp = entries.every(([, health]) => health.status === 'up');
    res.status(allUp ? 200 : 503);
    return { status: allUp ? 'up' : 'degraded', services };
  }
}
