/**
 * The SQL that makes a table append-only, for migrations: a trigger function that refuses the
 * change with `message`, and a trigger running it per statement before UPDATE, DELETE or
 * TRUNCATE (per statement, so TRUNCATE is refused too, and so is a DELETE that matches nothing).
 */
export function refuseChangeFunctionSql(fn: string, message: string): string {
  return `
      CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '${message.replaceAll("'", "''")}';
      END $$`;
}

/** The per-statement trigger refusing UPDATE, DELETE and TRUNCATE on `table` with the function `fn` (see refuseChangeFunctionSql). */
export function appendOnlyTriggerSql(trigger: string, table: string, fn: string): string {
  return `CREATE TRIGGER ${trigger} BEFORE UPDATE OR DELETE OR TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`;
}

/** Both statements, in order: the function `fn` raising `message`, then the trigger `trigger` on `table`. */
export function appendOnlyTableSql(table: string, options: { trigger: string; fn: string; message: string }): [string, string] {
  return [refuseChangeFunctionSql(options.fn, options.message), appendOnlyTriggerSql(options.trigger, table, options.fn)];
}
