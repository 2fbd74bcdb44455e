import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CatalogConfig } from '../config.js';
import { AgenciesRepository } from '../agencies/agencies.repository.js';
import { CalendarService } from '../calendar/calendar.service.js';
import { FieldsRepository } from '../fields/fields.repository.js';
import { ProceduresRepository } from '../procedures/procedures.repository.js';
import { ProceduresService } from '../procedures/procedures.service.js';
import { demoCatalog } from './demo-catalog.js';
import { DemoDataLoadsRepository } from './demo-data-loads.repository.js';

/** Calendar years prepared with the demo data. */
const DEMO_YEARS = [2025, 2026, 2027];

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
    private readonly loads: DemoDataLoadsRepository,
    private readonly agencies: AgenciesRepository,
    private readonly fields: FieldsRepository,
    private readonly procedureRows: ProceduresRepository,
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
      await this.loads.lock(runner.manager);
      const state = await this.loads.state(runner.manager);
      // Completed, or a catalog with data of its own (or loaded before loads were recorded).
      if (state.completed === true || (state.completed === null && state.agencies)) return false;
      const resuming = state.completed === false;
      const started = Date.now();
      const demo = demoCatalog();
      if (!resuming) {
        await this.dataSource.transaction(async (manager) => {
          await this.loads.start(manager);
          await this.agencies.insertAll(demo.agencies, manager);
          await this.fields.insertAll(demo.fields, manager);
          for (const year of DEMO_YEARS) await this.calendar.ensureYear(year, manager);
        });
      }
      const existing = await this.procedureRows.existing(demo.procedures.map((p) => p.code), runner.manager);
      const missing = demo.procedures.filter((item) => !existing.has(item.code));
      for (const item of missing) await this.procedures.publish(item.code, item.decision, item.procedure);
      await this.loads.complete(runner.manager);
      this.logger.log(
        resuming
          ? `demo data: finished an interrupted load, ${missing.length} of ${demo.procedures.length} procedures were missing, in ${Date.now() - started} ms`
          : `demo data: ${demo.agencies.length} agencies, ${demo.fields.length} fields, ${demo.procedures.length} procedures in ${Date.now() - started} ms`,
      );
      return true;
    } finally {
      await this.loads.unlock(runner.manager);
      await runner.release();
    }
  }
}
