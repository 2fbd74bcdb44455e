import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every supplement request (form 02) stays on the case: what was missing, when and by whom it
 * was asked, and when the supplement arrived. Before, `supplement_request` was cleared when the
 * applicant supplemented, and only the control sheet's text kept the list.
 *
 * Cases that already had requests get them back from the control sheet: the time, the officer,
 * the unit and the note of each `request_supplement` hand-over, the step the case was at then,
 * and the next `resume` as the answer. The documents are the names the hand-over's result lists
 * (`Yêu cầu bổ sung: a; b`), without their notes; a request still awaited takes its exact list
 * from `supplement_request`. Adding a column with a constant default rewrites no row; the
 * backfill touches only cases that had a request.
 */
export class SupplementRequestHistory1732300570000 implements MigrationInterface {
  name = 'SupplementRequestHistory1732300570000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE cases ADD COLUMN supplement_requests jsonb NOT NULL DEFAULT '[]'::jsonb`);
    await queryRunner.query(`
      WITH requests AS (
        SELECT h.dossier_code, h.id,
               jsonb_build_object(
                 'requestedAt', to_jsonb(h.at),
                 'requestedBy', h.from_officer,
                 'stepKind', (SELECT s->>'kind' FROM jsonb_array_elements(c.steps) WITH ORDINALITY AS e (s, i)
                               WHERE (s->>'startedAt')::timestamptz <= h.at ORDER BY i DESC LIMIT 1),
                 'agencyCode', h.from_unit,
                 'documents', CASE
                   WHEN c.supplement_request IS NOT NULL AND (c.supplement_request->>'requestedAt')::timestamptz = h.at THEN c.supplement_request->'documents'
                   ELSE (SELECT coalesce(jsonb_agg(jsonb_build_object('name', name) ORDER BY n), '[]'::jsonb)
                           FROM unnest(string_to_array(regexp_replace(h.result, '^Yêu cầu bổ sung: ', ''), '; ')) WITH ORDINALITY AS d (name, n))
                 END,
                 'note', h.note,
                 'answeredAt', (SELECT to_jsonb(min(r.at)) FROM handovers r WHERE r.dossier_code = h.dossier_code AND r.action = 'resume' AND r.id > h.id),
                 'answerNote', NULL,
                 'waitedMinutes', NULL) AS request
          FROM handovers h JOIN cases c ON c.dossier_code = h.dossier_code
         WHERE h.action = 'request_supplement'),
      history AS (
        SELECT dossier_code, jsonb_agg(request ORDER BY id) AS requests FROM requests GROUP BY dossier_code)
      UPDATE cases c SET supplement_requests = history.requests FROM history WHERE c.dossier_code = history.dossier_code`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE cases DROP COLUMN supplement_requests`);
  }
}
