import 'reflect-metadata';
import { bootstrapService } from '@onestop/platform';
import { configureGatewayApp } from './configure-gateway.js';
import { GatewayModule } from './gateway.module.js';

await bootstrapService(GatewayModule, 'gateway', configureGatewayApp);
