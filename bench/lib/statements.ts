import pg from 'pg';

export interface StatementCount {
  /** Every statement the services sent (BEGIN and COMMIT included), top level only. */
  total: number;
  /** The same without transaction control (BEGIN, COMMIT, ROLLBACK, SAVEPOINT …). */
  withoutTransactionControl: number;
  /** The statements sent most often, normalised by pg_stat_statements. */
  mostCalled: Array<{ calls: number; query: string }>;
}

const TRANSACTION_CONTROL = /^\s*(BEGIN|START TRANSACTION|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)/i;

/**
 * Counts the SQL statements the services send to one database, with pg_stat_statements (the
 * server must preload it: `benchDatabase(name, { statementStats: true })`). The bench reads its
 * own figures through `observerUrl`, a role of its own, so its polling is not counted; undefined
 * where the extension is not there (a DATABASE_URL server without it).
 */
export async function statementCounter(databaseUrl: string): Promise<{ observerUrl: string; reset(): Promise<void>; read(): Promise<StatementCount>; close(): Promise<void> } | undefined> {
  const admin = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  try {
    await admin.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    await admin.query('SELECT count(*) FROM pg_stat_statements');
  } catch {
    await admin.end();
    return undefined;
  }
  await admin.query(`DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'bench_observer') THEN CREATE ROLE bench_observer LOGIN PASSWORD 'bench_observer'; END IF; END $$`);
  await admin.query('GRANT pg_read_all_data, pg_read_all_stats TO bench_observer');
  const services = new URL(databaseUrl);
  const observer = new URL(databaseUrl);
  observer.username = 'bench_observer';
  observer.password = 'bench_observer';
  const database = decodeURIComponent(services.pathname.slice(1));
  const role = decodeURIComponent(services.username);
  const ours = `userid = (SELECT oid FROM pg_roles WHERE rolname = $1) AND dbid = (SELECT oid FROM pg_database WHERE datname = $2) AND toplevel`;
  return {
    observerUrl: observer.toString(),
    reset: async () => {
      await admin.query('SELECT pg_stat_statements_reset()');
    },
    read: async () => {
      const rows = (await admin.query<{ calls: string; query: string }>(`SELECT calls, query FROM pg_stat_statements WHERE ${ours} ORDER BY calls DESC`, [role, database])).rows;
      const total = rows.reduce((sum, row) => sum + Number(row.calls), 0);
      const control = rows.filter((row) => TRANSACTION_CONTROL.test(row.query)).reduce((sum, row) => sum + Number(row.calls), 0);
      return {
        total,
        withoutTransactionControl: total - control,
        mostCalled: rows.slice(0, 25).map((row) => ({ calls: Number(row.calls), query: row.query.replace(/\s+/g, ' ').slice(0, 160) })),
      };
    },
    close: () => admin.end(),
  };
}
