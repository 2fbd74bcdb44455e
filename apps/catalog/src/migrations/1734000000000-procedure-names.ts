import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Word search over the catalog's distinct names rather than its procedures (issue 19).
 *
 * A province's catalog repeats its names: every commune and district holds its own "Cấp giấy phép
 * lái xe", so 100,000 procedures carry a few thousand names. Searching the procedures' tsvectors
 * intersected posting lists that cover most of the table ("cap", "giay" are in nearly every name):
 * 9 of the 12 ms of a search went to that GIN scan (EXPLAIN ANALYZE, bench/README.md). A name's
 * relevance depends on the name only, so the query is matched and ranked once per distinct name
 * here, and the procedures of the matching names are then read by name.
 *
 * A statement trigger keeps the names, as `procedure_words` is kept: plain INSERTs (imports, the
 * bench) fill it too. A name no procedure carries any more stays and matches nothing. The GIN
 * index on `procedures.search_words` goes: nothing searches it now (the column stays, the
 * vocabulary's trigger reads it).
 */
export class ProcedureNames1734000000000 implements MigrationInterface {
  name = 'ProcedureNames1734000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE procedure_names (
        name text PRIMARY KEY,
        search_words tsvector GENERATED ALWAYS AS (to_tsvector('simple', fold_text(name))) STORED
      )`);
    await queryRunner.query(`CREATE INDEX procedure_names_search_words ON procedure_names USING gin (search_words)`);
    // Sorted, so that two transactions adding the same new names take their locks in one order.
    await queryRunner.query(`
      CREATE FUNCTION record_procedure_names() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
      BEGIN
        INSERT INTO procedure_names (name) SELECT DISTINCT name FROM new_rows ORDER BY 1 ON CONFLICT DO NOTHING;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER procedures_names_inserted AFTER INSERT ON procedures
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION record_procedure_names()`);
    await queryRunner.query(`
      CREATE TRIGGER procedures_names_updated AFTER UPDATE ON procedures
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION record_procedure_names()`);
    await queryRunner.query(`INSERT INTO procedure_names (name) SELECT DISTINCT name FROM procedures`);
    await queryRunner.query(`CREATE INDEX procedures_by_name ON procedures (name, code)`);
    await queryRunner.query(`DROP INDEX procedures_search_words`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX procedures_search_words ON procedures USING gin (search_words)`);
    await queryRunner.query(`DROP INDEX procedures_by_name`);
    await queryRunner.query(`DROP TRIGGER procedures_names_updated ON procedures`);
    await queryRunner.query(`DROP TRIGGER procedures_names_inserted ON procedures`);
    await queryRunner.query(`DROP FUNCTION record_procedure_names()`);
    await queryRunner.query(`DROP TABLE procedure_names`);
  }
}
