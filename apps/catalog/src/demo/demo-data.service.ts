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
 * reach the other services) and the calendar for 2025-2027. Only an empty catalog starts a load,
 * so real data is never touched. The agencies, fields and calendar are committed with a
 * `demo_data_loads` row; the procedures then one at a time, and the row is completed last. A
 * start that finds the row not completed (the first was stopped midway) publishes the demo
 * procedures still missing and completes it.
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

  /**
   * Returns whether it loaded anything (a load or the rest of an interrupted one). Safe with
   * several replicas starting together.
   */
  async loadIfEmpty(): Promise<boolean> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('SELECT pg_advisory_lock(hashtext($1))', [DEMO_LOCK_KEY]);
      const [state] = (await runner.query(
        `SELECT (SELECT completed_at IS NOT NULL FROM demo_data_loads) AS completed, EXISTS (SELECT 1 FROM agencies) AS agencies`,
      )) as Array<{ completed: boolean | null; agencies: boolean }>;
      // Completed, or a catalog with data of its own (or loaded before loads were recorded).
      if (state.completed === true || (state.completed === null && state.agencies)) return false;
      const resuming = state.completed === false;
      const started = Date.now();
      const demo = demoCatalog();
      if (!resuming) {
        await this.dataSource.transaction(async (manager) => {
          await manager.query(`INSERT INTO demo_data_loads (id) VALUES (1)`);
          for (const agency of demo.agencies) {
            await manager.query(
              `INSERT INTO agencies (code, name, address, level_code, parent_code, online_only_weekdays) VALUES ($1, $2, $3, $4, $5, $6)`,
              [agency.code, agency.name, agency.address, agency.levelCode, agency.parentCode, agency.onlineOnlyWeekdays],
            );
          }
          for (const field of demo.fields) await manager.query(`INSERT INTO fields (code, name) VALUES ($1, $2)`, [field.code, field.name]);
          for (const year of DEMO_YEARS) await this.calendar.ensureYear(year, manager);
        });
      }
      const existing = new Set(
        ((await runner.query(`SELECT code FROM procedures WHERE code = ANY($1::text[])`, [demo.procedures.map((p) => p.code)])) as Array<{ code: string }>).map((r) => r.code),
      );
      const missing = demo.procedures.filter((item) => !existing.has(item.code));
      for (const item of missing) await this.procedures.publish(item.code, item.decision, item.procedure);
      await runner.query(`UPDATE demo_data_loads SET completed_at = now()`);
      this.logger.log(
        resuming
          ? `demo data: finished an interrupted load, ${missing.length} of ${demo.procedures.length} procedures were missing, in ${Date.now() - started} ms`
          : `demo data: ${demo.agencies.length} agencies, ${demo.fields.length} fields, ${demo.procedures.length} procedures in ${Date.now() - started} ms`,
      );
      return true;
    } finally {
      await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [DEMO_LOCK_KEY]);
      await runner.release();
    }
  }
}
