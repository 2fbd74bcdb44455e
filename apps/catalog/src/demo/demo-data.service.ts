import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CatalogConfig } from '../config.js';
import { CalendarService } from '../calendar/calendar.service.js';
import { ProceduresService } from '../procedures/procedures.service.js';
import { demoCatalog } from './demo-catalog.js';

/** Calendar years prepared with the demo data. */
const DEMO_YEARS = [2025, 2026, 2027];
const DEMO_LOCK_KEY = 'onestop:catalog-demo-data';

/**
 * Loads a demo province on first start when DEMO_DATA is on (`npm start` turns it on): an
 * agency tree, fields, a few hundred procedures published like any other (so their events
 * reach the other services) and the calendar for 2025-2027. An empty catalog is the only
 * trigger, so restarts and real data are never touched.
 */
@Injectable()
export class DemoDataService implements OnApplicationBootstrap {
  private readonly logger = new Logger('DemoData');

  constructor(
    private readonly config: CatalogConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly procedures: ProceduresService,
    private readonly calendar: CalendarService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.DEMO_DATA) await this.loadIfEmpty();
  }

  /** Returns whether it loaded anything. Safe with several replicas starting together. */
  async loadIfEmpty(): Promise<boolean> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('SELECT pg_advisory_lock(hashtext($1))', [DEMO_LOCK_KEY]);
      const [{ agencies }] = (await runner.query('SELECT count(*)::int AS agencies FROM agencies')) as Array<{ agencies: number }>;
      if (agencies > 0) return false;
      const started = Date.now();
      const demo = demoCatalog();
      await this.dataSource.transaction(async (manager) => {
        for (const agency of demo.agencies) {
          await manager.query(
            `INSERT INTO agencies (code, name, address, level_code, parent_code, online_only_weekdays) VALUES ($1, $2, $3, $4, $5, $6)`,
            [agency.code, agency.name, agency.address, agency.levelCode, agency.parentCode, agency.onlineOnlyWeekdays],
          );
        }
        for (const field of demo.fields) await manager.query(`INSERT INTO fields (code, name) VALUES ($1, $2)`, [field.code, field.name]);
        for (const year of DEMO_YEARS) await this.calendar.ensureYear(year, manager);
      });
      for (const item of demo.procedures) await this.procedures.publish(item.code, item.decision, item.procedure);
      this.logger.log(`demo data: ${demo.agencies.length} agencies, ${demo.fields.length} fields, ${demo.procedures.length} procedures in ${Date.now() - started} ms`);
      return true;
    } finally {
      await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [DEMO_LOCK_KEY]);
      await runner.release();
    }
  }
}
