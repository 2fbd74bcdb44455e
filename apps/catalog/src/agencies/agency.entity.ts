import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A government agency or unit, identified by its QCVN 102:2016 code; agencies form a tree. */
@Entity({ name: 'agencies' })
export class Agency {
  @PrimaryColumn({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', nullable: true })
  address: string | null;

  @Column({ name: 'level_code', type: 'text' })
  levelCode: string;

  @Column({ name: 'parent_code', type: 'text', nullable: true })
  parentCode: string | null;

  /** ISO weekdays (1 = Monday) on which listed procedures are received online only. */
  @Column({ name: 'online_only_weekdays', type: 'smallint', array: true, default: () => "'{}'" })
  onlineOnlyWeekdays: number[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
