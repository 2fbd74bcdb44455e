import { describe, expect, it } from '@jest/globals';
import { appendOnlyTableSql, appendOnlyTriggerSql } from './append-only.js';

describe('appendOnlyTableSql', () => {
  it('writes the refusing function and a per-statement trigger for UPDATE, DELETE and TRUNCATE', () => {
    expect(appendOnlyTableSql('audit_log', { trigger: 'audit_log_append_only', fn: 'refuse_audit_change', message: 'the audit log is append-only' })).toEqual([
      `
      CREATE FUNCTION refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the audit log is append-only';
      END $$`,
      'CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change()',
    ]);
  });

  it('doubles quotes in the message', () => {
    expect(appendOnlyTableSql('t', { trigger: 'tr', fn: 'f', message: "it's kept" })[0]).toContain("RAISE EXCEPTION 'it''s kept';");
  });

  it('writes a trigger alone for a function that exists already', () => {
    expect(appendOnlyTriggerSql('audit_log_append_only_statements', 'audit_log', 'refuse_audit_change')).toBe(
      'CREATE TRIGGER audit_log_append_only_statements BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change()',
    );
  });
});
