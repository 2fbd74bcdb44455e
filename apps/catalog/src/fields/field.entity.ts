import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A field of administration (lĩnh vực): justice, transport, ... */
@Entity({ name: 'fields' })
export class Field {
  @PrimaryColumn({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  name: string;
}
