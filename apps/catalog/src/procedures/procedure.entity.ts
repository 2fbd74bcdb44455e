import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { OnlineLevel, OnlineMode } from '@onestop/domain';

/** An administrative procedure (thủ tục hành chính) as published. */
@Entity({ name: 'procedures' })
export class Procedure {
  @PrimaryColumn({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'online_level', type: 'smallint' })
  onlineLevel: OnlineLevel;

  @Column({ name: 'online_mode', type: 'text' })
  onlineMode: OnlineMode;

  @Column({ name: 'integrated_national_portal', type: 'boolean', default: false })
  integratedNationalPortal: boolean;

  @Column({ name: 'version_no', type: 'integer', default: 1 })
  versionNo: number;

  @Column({ name: 'effective_from', type: 'date' })
  effectiveFrom: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
