import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { OnlineLevel, OnlineMode } from '@onestop/domain';

export type ProcedureStatus = 'upcoming' | 'active' | 'abolished';

/**
 * The version of a procedure in force today, flattened for search and browse (the first version
 * while none is in force yet, status `upcoming`). Later versions wait in procedure_versions until
 * `pendingFrom`, when ProcedurePromotionService rewrites the row.
 */
@Entity({ name: 'procedures' })
export class Procedure {
  @PrimaryColumn({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  status: ProcedureStatus;

  @Column({ name: 'version_no', type: 'integer' })
  versionNo: number;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'field_code', type: 'text' })
  fieldCode: string;

  @Column({ name: 'level_code', type: 'text' })
  levelCode: string;

  @Column({ name: 'competent_agency_code', type: 'text' })
  competentAgencyCode: string;

  @Column({ name: 'receiving_agency_codes', type: 'text', array: true })
  receivingAgencyCodes: string[];

  @Column({ name: 'processing_minutes', type: 'integer' })
  processingMinutes: number;

  @Column({ name: 'online_level', type: 'smallint' })
  onlineLevel: OnlineLevel;

  @Column({ name: 'online_mode', type: 'text' })
  onlineMode: OnlineMode;

  @Column({ name: 'on_the_spot_eligible', type: 'boolean' })
  onTheSpotEligible: boolean;

  @Column({ name: 'accepts_dossier_by_post', type: 'boolean' })
  acceptsDossierByPost: boolean;

  @Column({ name: 'delivers_result_by_post', type: 'boolean' })
  deliversResultByPost: boolean;

  @Column({ name: 'online_only_listed', type: 'boolean' })
  onlineOnlyListed: boolean;

  @Column({ name: 'integrated_national_portal', type: 'boolean' })
  integratedNationalPortal: boolean;

  @Column({ name: 'effective_from', type: 'date' })
  effectiveFrom: string;

  @Column({ name: 'abolished_from', type: 'date', nullable: true })
  abolishedFrom: string | null;

  @Column({ name: 'pending_from', type: 'date', nullable: true })
  pendingFrom: string | null;
}
