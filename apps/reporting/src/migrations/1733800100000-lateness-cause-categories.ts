import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The classes of the reasons apologies (thư xin lỗi) give for a late dossier, as data: the
 * causes-of-lateness report counts each apology under the first class (by `position`) with one
 * of its keywords among the reason's words (without diacritics), else under "other". A province
 * edits the rows to its own wording; nothing else reads them.
 */
export class LatenessCauseCategories1733800100000 implements MigrationInterface {
  name = 'LatenessCauseCategories1733800100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE lateness_cause_categories (
        code text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{0,39}$' AND code <> 'other'),
        name text NOT NULL CHECK (name <> ''),
        keywords text[] NOT NULL CHECK (cardinality(keywords) > 0),
        position integer NOT NULL UNIQUE
      )`);
    await queryRunner.query(
      `INSERT INTO lateness_cause_categories (code, name, keywords, position)
       SELECT code, name, keywords::text[], position FROM unnest($1::text[], $2::text[], $3::text[], $4::int[]) AS c (code, name, keywords, position)`,
      [CATEGORIES.map(([code]) => code), CATEGORIES.map(([, name]) => name), CATEGORIES.map(([, , keywords]) => `{${keywords.map((k) => `"${k}"`).join(',')}}`), CATEGORIES.map((_, i) => i + 1)],
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE lateness_cause_categories`);
  }
}

/** The causes officers usually write in apologies (nguyên nhân chậm trễ). */
const CATEGORIES: Array<[code: string, name: string, keywords: string[]]> = [
  ['verification', 'Phải xác minh, kiểm tra thực địa', ['xác minh', 'thực địa', 'hiện trường', 'kiểm tra thực tế', 'đo đạc']],
  ['coordination', 'Chờ ý kiến, kết quả của cơ quan phối hợp', ['phối hợp', 'lấy ý kiến', 'xin ý kiến', 'chờ ý kiến', 'cơ quan liên quan', 'liên thông']],
  ['documents', 'Hồ sơ phức tạp, phải bổ sung, làm rõ', ['bổ sung', 'làm rõ', 'phức tạp', 'chưa đầy đủ', 'sai sót']],
  ['workload', 'Số lượng hồ sơ lớn, thiếu nhân lực', ['quá tải', 'số lượng lớn', 'nhiều hồ sơ', 'thiếu nhân lực', 'thiếu cán bộ', 'nghỉ phép', 'ốm']],
  ['technical', 'Sự cố kỹ thuật, phần mềm, đường truyền', ['sự cố', 'phần mềm', 'hệ thống', 'đường truyền', 'mất điện', 'lỗi kỹ thuật']],
  ['officer', 'Cán bộ chậm xử lý', ['chậm xử lý', 'chủ quan', 'thiếu trách nhiệm', 'sơ suất']],
];
