import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An administrative level (cấp tỉnh, cấp huyện, cấp xã); data, since levels change by law. */
@Entity({ name: 'administrative_levels' })
export class AdministrativeLevel {
  @PrimaryColumn({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'smallint' })
  rank: number;

  @Column({ name: 'abolished_from', type: 'date', nullable: true })
  abolishedFrom: string | null;
}
