import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A ten-day grain (`T`, dekads 1-10, 11-20 and 21 to the month's end) and a quarter grain (`Q`)
 * for the roll-ups (issue 19).
 * A custom range of days read every day of its partial months from the day rows, and a day
 * holds nearly as many rows as a month (one per combination of agency, field, level, procedure
 * and channel in use): 06a for 10 February to 20 November read about 89 slices of some 10,000
 * rows each at 10,000,000 dossiers. With dekads a partial month costs at most 2 dekads and 10
 * days, and with quarters the months between are at most 3 quarters and 2 months at each end.
 * Dekads are summed from the day rows already there, quarters from the month rows; from now on
 * every change is written to all five grains (libs/domain GRAINS).
 */
export class RollupDekadsAndQuarters1734000100000 implements MigrationInterface {
  name = 'RollupDekadsAndQuarters1734000100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['dossier_rollup', 'complaint_rollup']) {
      await queryRunner.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_grain_check`);
      await queryRunner.query(`ALTER TABLE ${table} ADD CONSTRAINT ${table}_grain_check CHECK (grain IN ('D', 'T', 'M', 'Q', 'Y'))`);
      const columns = (await queryRunner.query(
        `SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 AND column_name NOT IN ('grain', 'period_start') ORDER BY ordinal_position`,
        [table],
      )) as Array<{ name: string; type: string }>;
      const keys = columns.filter((c) => c.type === 'text' || c.type === 'character varying').map((c) => c.name);
      const measures = columns.filter((c) => !keys.includes(c.name)).map((c) => c.name);
      const dekad = `(date_trunc('month', period_start)::date + CASE WHEN extract(day FROM period_start) <= 10 THEN 0 WHEN extract(day FROM period_start) <= 20 THEN 10 ELSE 20 END)`;
      for (const [grain, start, from] of [['T', dekad, 'D'], ['Q', `date_trunc('quarter', period_start)::date`, 'M']]) {
        await queryRunner.query(
          `INSERT INTO ${table} (grain, period_start, ${keys.join(', ')}, ${measures.join(', ')})
           SELECT '${grain}', ${start}, ${keys.join(', ')}, ${measures.map((m) => `sum(${m})`).join(', ')}
             FROM ${table} WHERE grain = '${from}' GROUP BY ${start}, ${keys.join(', ')}`,
        );
      }
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['dossier_rollup', 'complaint_rollup']) {
      await queryRunner.query(`DELETE FROM ${table} WHERE grain IN ('T', 'Q')`);
      await queryRunner.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_grain_check`);
      await queryRunner.query(`ALTER TABLE ${table} ADD CONSTRAINT ${table}_grain_check CHECK (grain IN ('D', 'M', 'Y'))`);
    }
  }
}
