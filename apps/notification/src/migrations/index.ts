import type { MigrationInterface } from 'typeorm';
import { CreateNotification1733300000000 } from './1733300000000-create-notification.js';

/** In order of application; never edit one that has shipped, add a new one. */
export const NOTIFICATION_MIGRATIONS: Array<new () => MigrationInterface> = [CreateNotification1733300000000];
