import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { ProcedureContent } from '@onestop/domain';

export type VersionKind = 'published' | 'amended' | 'abolished';

/** One version of a procedure, as a publishing decision set it. Never changed once written. */
@Entity({ name: 'procedure_versions' })
export class ProcedureVersion {
  @PrimaryColumn({ type: 'text' })
  code: string;

  @PrimaryColumn({ name: 'version_no', type: 'integer' })
  versionNo: number;

  @Column({ type: 'text' })
  kind: VersionKind;

  @Column({ name: 'decision_number', type: 'text' })
  decisionNumber: string;

  @Column({ name: 'decision_date', type: 'date' })
  decisionDate: string;

  @Column({ name: 'effective_from', type: 'date' })
  effectiveFrom: string;

  @Column({ type: 'jsonb' })
  content: ProcedureContent;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
