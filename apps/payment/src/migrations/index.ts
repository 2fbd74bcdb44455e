import type { MigrationInterface } from 'typeorm';

/** In order of application; never edit one that has shipped, add a new one. */
export const PAYMENT_MIGRATIONS: Array<new () => MigrationInterface> = [];
