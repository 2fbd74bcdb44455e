import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ERASED_PERSON_NAME, type EventEnvelope, type PersonalDataErasedV1 } from '@onestop/domain';
import { HandleEvent } from '@onestop/platform';

/** A party as erased: the name says so, no phone, the street gone (the commune and province stay). */
const erasedParty = (column: string) =>
  `jsonb_build_object('name', $2::text, 'phone', NULL, 'address', jsonb_build_object('detail', '', 'commune', COALESCE(${column}->'address'->>'commune', ''), 'province', COALESCE(${column}->'address'->>'province', '')))`;

/**
 * Intake erased a dossier's personal data at the end of its retention: postal's copies go too,
 * the applicant as receiver of the result and as sender of a dossier by post, and the dossier a
 * postal worker took (handed over long ago). Tracking numbers, states and their times stay.
 */
@Injectable()
export class PersonalDataErasedHandler {
  @HandleEvent({ type: 'PersonalDataErased', versions: [1] })
  async onPersonalDataErased(event: EventEnvelope<'PersonalDataErased', PersonalDataErasedV1>, manager: EntityManager): Promise<void> {
    const code = event.payload.dossierCode;
    await manager.query(`UPDATE shipments SET receiver = ${erasedParty('receiver')} WHERE dossier_code = $1 AND kind = 'result_delivery'`, [code, ERASED_PERSON_NAME]);
    await manager.query(`UPDATE shipments SET sender = ${erasedParty('sender')}, dossier = NULL WHERE dossier_code = $1 AND kind = 'dossier_pickup'`, [code, ERASED_PERSON_NAME]);
  }
}
