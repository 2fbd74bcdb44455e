import type { MigrationInterface } from 'typeorm';
import { CreatePushes1733100000000 } from './1733100000000-create-pushes.js';

/** In order of application; never edit one that has shipped, add a new one. */
export const PORTAL_MIGRATIONS: Array<new () => MigrationInterface> = [CreatePushes1733100000000];
