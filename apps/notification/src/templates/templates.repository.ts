import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

export interface TemplateRow {
  kind: string;
  channel: string;
  subject: string | null;
  body: string;
  provider_template_id: string | null;
  updated_by: string;
  updated_at: Date;
}

/** Every statement on `templates`: the administrators' wordings. */
@Injectable()
export class TemplatesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async all(): Promise<TemplateRow[]> {
    return (await this.dataSource.query(`SELECT * FROM templates`)) as TemplateRow[];
  }

  async find(kind: string, channel: string): Promise<TemplateRow | undefined> {
    const [row] = (await this.dataSource.query(`SELECT * FROM templates WHERE kind = $1 AND channel = $2`, [kind, channel])) as TemplateRow[];
    return row;
  }

  async save(row: Omit<TemplateRow, 'updated_at'>, at: Date): Promise<TemplateRow> {
    const [saved] = (await this.dataSource.query(
      `INSERT INTO templates (kind, channel, subject, body, provider_template_id, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (kind, channel) DO UPDATE SET subject = EXCLUDED.subject, body = EXCLUDED.body, provider_template_id = EXCLUDED.provider_template_id,
         updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at
       RETURNING *`,
      [row.kind, row.channel, row.subject, row.body, row.provider_template_id, row.updated_by, at],
    )) as TemplateRow[];
    return saved;
  }

  async remove(kind: string, channel: string): Promise<boolean> {
    const [, count] = (await this.dataSource.query(`DELETE FROM templates WHERE kind = $1 AND channel = $2`, [kind, channel])) as [unknown, number];
    return count > 0;
  }
}
