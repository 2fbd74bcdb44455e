import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Search by words instead of substrings. On a national catalog (100,000 procedures) the trigram
 * LIKE had to recheck thousands of rows through unaccent() for common words such as "cap giay
 * phep" (p50 ≈ 400 ms); a stored, diacritic-free tsvector answers from its GIN index alone.
 * Vietnamese writes one syllable per word, so whole-word matching is what users expect; the
 * last word of a query matches as a prefix, for search as you type.
 */
export class ProcedureWordSearch1732300150000 implements MigrationInterface {
  name = 'ProcedureWordSearch1732300150000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE procedures ADD COLUMN search_words tsvector GENERATED ALWAYS AS (to_tsvector('simple', fold_text(name))) STORED`);
    await queryRunner.query(`CREATE INDEX procedures_search_words ON procedures USING gin (search_words)`);
    await queryRunner.query(`DROP INDEX procedures_name_search`);
    // Code prefixes ("1.0012") use an index whatever the database's collation.
    await queryRunner.query(`CREATE INDEX procedures_code_prefix ON procedures (code text_pattern_ops)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX procedures_code_prefix`);
    await queryRunner.query(`CREATE INDEX procedures_name_search ON procedures USING gin (fold_text(name) gin_trgm_ops)`);
    await queryRunner.query(`ALTER TABLE procedures DROP COLUMN search_words`);
  }
}
