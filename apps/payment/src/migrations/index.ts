import type { MigrationInterface } from 'typeorm';
import { CreatePayment1733200100000 } from './1733200100000-create-payment.js';

/** In order of application; never edit one that has shipped, add a new one. */
export const PAYMENT_MIGRATIONS: Array<new () => MigrationInterface> = [CreatePayment1733200100000];
