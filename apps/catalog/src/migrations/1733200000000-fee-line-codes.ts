import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Fee lines carry a code (MaPhiLePhi), a kind (phí `fee` / lệ phí `charge`) and when they are due
 * (`at_submission` / `before_result`), which payment charges dossiers by. Versions stored before
 * get them as `feeLinesOf` would give them: `LP-{position}`, `fee` for a name starting with
 * "Phí", else `charge`, due with the submission. The content of a version is otherwise untouched.
 */
export class FeeLineCodes1733200000000 implements MigrationInterface {
  name = 'FeeLineCodes1733200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      UPDATE procedure_versions v
         SET content = jsonb_set(v.content, '{fees}', (
               SELECT COALESCE(jsonb_agg(
                        jsonb_build_object(
                          'code', COALESCE(f.line->>'code', 'LP-' || f.position),
                          'kind', COALESCE(f.line->>'kind', CASE WHEN f.line->>'name' ~* '^\\s*phí(\\s|$)' THEN 'fee' ELSE 'charge' END),
                          'due', COALESCE(f.line->>'due', 'at_submission')
                        ) || f.line ORDER BY f.position), '[]'::jsonb)
                 FROM jsonb_array_elements(v.content->'fees') WITH ORDINALITY AS f(line, position)))
       WHERE jsonb_typeof(v.content->'fees') = 'array'
         AND EXISTS (SELECT 1 FROM jsonb_array_elements(v.content->'fees') line WHERE NOT (line ? 'code' AND line ? 'kind' AND line ? 'due'))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      UPDATE procedure_versions v
         SET content = jsonb_set(v.content, '{fees}', (
               SELECT COALESCE(jsonb_agg((f.line - 'code' - 'kind' - 'due') ORDER BY f.position), '[]'::jsonb)
                 FROM jsonb_array_elements(v.content->'fees') WITH ORDINALITY AS f(line, position)))
       WHERE jsonb_typeof(v.content->'fees') = 'array'`);
  }
}
