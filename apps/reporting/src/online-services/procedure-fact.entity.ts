import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Reporting's own copy of what it needs of a procedure, kept current from catalog's events. */
@Entity({ name: 'procedure_facts' })
export class ProcedureFact {
  @PrimaryColumn({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'version_no', type: 'integer' })
  versionNo: number;

  @Column({ name: 'online_level', type: 'smallint' })
  onlineLevel: number;

  @Column({ name: 'online_mode', type: 'text' })
  onlineMode: string;

  @Column({ name: 'integrated_national_portal', type: 'boolean' })
  integratedNationalPortal: boolean;

  @Column({ name: 'effective_from', type: 'date' })
  effectiveFrom: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
