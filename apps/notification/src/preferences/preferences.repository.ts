import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

export interface PreferenceRow {
  subject: string;
  sms: boolean;
  email: boolean;
  zalo: boolean;
  zalo_phone: string | null;
  updated_at: Date;
}

export interface OrganisationContactRow {
  id_number: string;
  email: string;
  updated_by: string;
  updated_at: Date;
}

/** Every statement on `preferences` and `organisation_contacts`. */
@Injectable()
export class PreferencesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async find(subject: string): Promise<PreferenceRow | undefined> {
    const [row] = (await this.dataSource.query(`SELECT * FROM preferences WHERE subject = $1`, [subject])) as PreferenceRow[];
    return row;
  }

  async save(row: Omit<PreferenceRow, 'updated_at'>, at: Date): Promise<PreferenceRow> {
    const [saved] = (await this.dataSource.query(
      `INSERT INTO preferences (subject, sms, email, zalo, zalo_phone, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (subject) DO UPDATE SET sms = EXCLUDED.sms, email = EXCLUDED.email, zalo = EXCLUDED.zalo, zalo_phone = EXCLUDED.zalo_phone, updated_at = EXCLUDED.updated_at
       RETURNING *`,
      [row.subject, row.sms, row.email, row.zalo, row.zalo_phone, at],
    )) as PreferenceRow[];
    return saved;
  }

  async organisation(idNumber: string): Promise<OrganisationContactRow | undefined> {
    const [row] = (await this.dataSource.query(`SELECT * FROM organisation_contacts WHERE id_number = $1`, [idNumber])) as OrganisationContactRow[];
    return row;
  }

  async saveOrganisation(idNumber: string, email: string, by: string, at: Date): Promise<OrganisationContactRow> {
    const [saved] = (await this.dataSource.query(
      `INSERT INTO organisation_contacts (id_number, email, updated_by, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (id_number) DO UPDATE SET email = EXCLUDED.email, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at
       RETURNING *`,
      [idNumber, email, by, at],
    )) as OrganisationContactRow[];
    return saved;
  }
}
