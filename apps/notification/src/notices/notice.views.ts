import { ApiProperty } from '@nestjs/swagger';
import { formatLocal, OFFICER_NOTICE_KINDS } from '@onestop/domain';
import type { NoticeRow } from './notices.repository.js';

export class NoticeView {
  @ApiProperty({ example: '6f1c2a8e-5b7d-4c1e-9a3f-2d4e6b8a0c1f' })
  id: string;

  @ApiProperty({ enum: OFFICER_NOTICE_KINDS, example: 'case_assigned', description: 'A case assigned to the officer, arrived at their unit and step, a supplement received, a payment received; a case they hold at risk (due soon), overdue, or past its step\'s share of the time.' })
  kind: string;

  @ApiProperty({ type: String, nullable: true, example: '000.00.01.H56-260316-0001' })
  dossierCode: string | null;

  @ApiProperty({ example: 'Hồ sơ 000.00.01.H56-260316-0001 được giao cho bạn' })
  title: string;

  @ApiProperty({ example: 'Phân công thụ lý: hồ sơ 000.00.01.H56-260316-0001 tại Sở Tư pháp.' })
  body: string;

  @ApiProperty({ example: '2026-03-16T10:00:00+07:00' })
  createdAt: string;

  @ApiProperty({ type: String, nullable: true, example: null, description: 'When the officer first marked it read; null while unread.' })
  readAt: string | null;
}

export class UnreadCountView {
  @ApiProperty({ example: 3, description: 'Notices not read yet.' })
  unread: number;
}

export class MarkedReadView {
  @ApiProperty({ example: 3, description: 'Notices this call marked read.' })
  marked: number;

  @ApiProperty({ example: 0, description: 'Notices still unread.' })
  unread: number;
}

export function toNoticeView(row: NoticeRow): NoticeView {
  return {
    id: row.id,
    kind: row.kind,
    dossierCode: row.dossier_code,
    title: row.title,
    body: row.body,
    createdAt: formatLocal(new Date(row.created_at)),
    readAt: row.read_at ? formatLocal(new Date(row.read_at)) : null,
  };
}
