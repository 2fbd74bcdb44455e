import 'reflect-metadata';
import { bootstrapService } from '@onestop/platform';
import { CatalogModule } from './catalog.module.js';

await bootstrapService(CatalogModule, 'catalog');
