import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Typo-tolerant search and abbreviations, on top of the word search (search_words).
 *
 * `procedure_words` is the catalog's vocabulary: every word of every procedure name, as the
 * tsvector holds it (folded, without diacritics), each with the variants made by deleting one of
 * its letters (and itself). Two words are one letter apart (wrong, missing, extra, or one letter
 * moved) exactly when their variant sets meet, so a word the catalog does not know ("pep") finds
 * the known ones near it ("phep") with a few primary-key probes. A trigram index could not do
 * this for Vietnamese: syllables are two to seven letters, one wrong letter leaves "pep" and
 * "phep" 0.29 alike (below any useful threshold), and the common trigrams of "giay", "cap" are
 * in nearly every name, so the index hands back most of the table to recheck.
 *
 * A statement trigger keeps the vocabulary: plain INSERTs (imports, the bench) fill it too.
 * Words are never removed: a word left by a renamed procedure only stops being corrected.
 *
 * `search_abbreviations` holds the usual abbreviations (GPLX, CCCD, ĐKKD...) as data; an
 * administrator may add rows. A query word equal to one (folded) also matches its expansion as a
 * phrase.
 */
export class ProcedureSearchWords1733800000000 implements MigrationInterface {
  name = 'ProcedureSearchWords1733800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE procedure_words (
        variant text COLLATE "C" NOT NULL,
        word text COLLATE "C" NOT NULL,
        PRIMARY KEY (variant, word)
      )`);
    // Words of three letters or more get their one-letter deletions; shorter ones match as typed.
    await queryRunner.query(`
      CREATE FUNCTION word_variants(word text) RETURNS SETOF text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
        AS $$ SELECT word UNION SELECT left(word, k - 1) || substr(word, k + 1) FROM generate_series(1, CASE WHEN length(word) >= 3 THEN length(word) ELSE 0 END) k $$`);
    // Sorted, so that two transactions adding the same new words take their locks in one order.
    // The catalog's search_path is fixed on the function: a trigger runs with the writer's, and an
    // import connected without it would not find procedure_words.
    await queryRunner.query(`
      CREATE FUNCTION record_procedure_words() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
      BEGIN
        INSERT INTO procedure_words (variant, word)
        SELECT v.variant, w.word
          FROM (SELECT DISTINCT unnest(tsvector_to_array(search_words)) AS word FROM new_rows) w
          CROSS JOIN LATERAL word_variants(w.word) AS v(variant)
         ORDER BY 1, 2
        ON CONFLICT DO NOTHING;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER procedures_words_inserted AFTER INSERT ON procedures
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION record_procedure_words()`);
    await queryRunner.query(`
      CREATE TRIGGER procedures_words_updated AFTER UPDATE ON procedures
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION record_procedure_words()`);
    await queryRunner.query(`
      INSERT INTO procedure_words (variant, word)
      SELECT DISTINCT v.variant, w.word
        FROM (SELECT DISTINCT unnest(tsvector_to_array(search_words)) AS word FROM procedures) w
        CROSS JOIN LATERAL word_variants(w.word) AS v(variant)`);

    await queryRunner.query(`
      CREATE TABLE search_abbreviations (
        abbreviation text PRIMARY KEY CHECK (abbreviation <> '' AND abbreviation !~ '\s'),
        expansion text NOT NULL CHECK (expansion <> '')
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX search_abbreviations_folded ON search_abbreviations (fold_text(abbreviation))`);
    await queryRunner.query(
      `INSERT INTO search_abbreviations (abbreviation, expansion) SELECT * FROM unnest($1::text[], $2::text[])`,
      [ABBREVIATIONS.map(([a]) => a), ABBREVIATIONS.map(([, e]) => e)],
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE search_abbreviations`);
    await queryRunner.query(`DROP TRIGGER procedures_words_updated ON procedures`);
    await queryRunner.query(`DROP TRIGGER procedures_words_inserted ON procedures`);
    await queryRunner.query(`DROP FUNCTION record_procedure_words()`);
    await queryRunner.query(`DROP FUNCTION word_variants(text)`);
    await queryRunner.query(`DROP TABLE procedure_words`);
  }
}

/** Abbreviations citizens and officers type for the words of procedure names. */
const ABBREVIATIONS: Array<[string, string]> = [
  ['GPLX', 'giấy phép lái xe'],
  ['CCCD', 'căn cước công dân'],
  ['CMND', 'chứng minh nhân dân'],
  ['ĐKKD', 'đăng ký kinh doanh'],
  ['GCN', 'giấy chứng nhận'],
  ['QSDĐ', 'quyền sử dụng đất'],
  ['GCNQSDĐ', 'giấy chứng nhận quyền sử dụng đất'],
  ['GPXD', 'giấy phép xây dựng'],
  ['HKD', 'hộ kinh doanh'],
  ['ATTP', 'an toàn thực phẩm'],
  ['LLTP', 'lý lịch tư pháp'],
  ['GPLĐ', 'giấy phép lao động'],
  ['ĐKDN', 'đăng ký doanh nghiệp'],
  ['BHXH', 'bảo hiểm xã hội'],
  ['BHYT', 'bảo hiểm y tế'],
  ['UBND', 'ủy ban nhân dân'],
  ['PCCC', 'phòng cháy chữa cháy'],
  ['HTX', 'hợp tác xã'],
];
