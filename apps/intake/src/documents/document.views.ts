import { ApiProperty } from '@nestjs/swagger';
import { formatLocal } from '@onestop/domain';

export const DOCUMENT_MEDIA_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;

/** A row of `dossier_files` as PostgreSQL answers it. */
export interface DossierFileRow {
  id: string;
  dossier_code: string;
  storage_key: string;
  file_name: string;
  media_type: string;
  size_bytes: string | number;
  sha256: string;
  requirement: number | null;
  requirement_name: string | null;
  title: string | null;
  uploaded_by: string;
  uploaded_by_name: string | null;
  uploaded_at: Date;
  /** When reception marked it digitised into the applicant's store (số hóa). */
  digitised_at?: Date | null;
  /** The applicant's stored document it reuses, instead of a file handed in again. */
  reused_document_id?: string | null;
}

export class DocumentUploaderView {
  @ApiProperty({ enum: ['applicant', 'officer'], example: 'applicant', description: 'The applicant themself, or an officer on their behalf.' })
  kind: 'applicant' | 'officer';

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'Nguyễn Văn An',
    description: "Who uploaded it; an officer's name is not shown to a reader who came with the lookup code instead of signing in.",
  })
  name: string | null;
}

/** A file uploaded to a dossier: what it is and its fingerprint; the bytes are at its own URL. */
export class UploadedDocumentView {
  @ApiProperty({ format: 'uuid', example: '3f1c2a9e-8b7d-4c55-9e0a-2b6f1d4c8a71' })
  id: string;

  @ApiProperty({ example: '000.00.01.H56-260316-0001' })
  dossierCode: string;

  @ApiProperty({ example: 'Đơn đề nghị cấp GPLX.pdf', description: 'The name it was uploaded with, cleaned of paths and control characters.' })
  fileName: string;

  @ApiProperty({ enum: DOCUMENT_MEDIA_TYPES, example: 'application/pdf', description: 'Told by the file\'s content.' })
  mediaType: string;

  @ApiProperty({ example: 183204, description: 'Bytes.' })
  size: number;

  @ApiProperty({ example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', description: 'SHA-256 of the bytes, hex; also the download\'s ETag.' })
  sha256: string;

  @ApiProperty({ type: Number, nullable: true, example: 1, description: 'The document of the procedure\'s list it is a copy of (1-based).' })
  requirement: number | null;

  @ApiProperty({ type: String, nullable: true, example: 'Đơn đề nghị cấp giấy phép lái xe', description: 'That document\'s name in the procedure.' })
  requirementName: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Bản scan có chữ ký' })
  title: string | null;

  @ApiProperty({ type: DocumentUploaderView })
  uploadedBy: DocumentUploaderView;

  @ApiProperty({ example: '2026-03-16T10:05:00+07:00' })
  uploadedAt: string;

  @ApiProperty({ type: String, nullable: true, example: null, description: 'When a reception officer marked it digitised, keeping it in the applicant\'s store (`POST …/documents/{id}/digitisation`).' })
  digitisedAt: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'uuid', example: null, description: 'The document of the applicant\'s store it reuses (given at reception as `documents[].storedDocumentId`), instead of a file handed in again.' })
  reusedFrom: string | null;
}

/** Who uploaded a file (and answered a supplement) with the dossier's lookup code, not signed in: the applicant. */
export const LOOKUP_CODE_SUBJECT = 'lookup-code';

/** `publicReader`: the reader came with the lookup code, not signed in, and sees no officer's name. */
export function toUploadedDocumentView(row: DossierFileRow, ownerSubject: string | null, publicReader = false): UploadedDocumentView {
  const kind = (ownerSubject !== null && row.uploaded_by === ownerSubject) || row.uploaded_by === LOOKUP_CODE_SUBJECT ? 'applicant' : 'officer';
  return {
    id: row.id,
    dossierCode: row.dossier_code,
    fileName: row.file_name,
    mediaType: row.media_type,
    size: Number(row.size_bytes),
    sha256: row.sha256,
    requirement: row.requirement,
    requirementName: row.requirement_name,
    title: row.title,
    uploadedBy: { kind, name: kind === 'officer' && publicReader ? null : row.uploaded_by_name },
    uploadedAt: formatLocal(new Date(row.uploaded_at)),
    digitisedAt: row.digitised_at ? formatLocal(new Date(row.digitised_at)) : null,
    reusedFrom: row.reused_document_id ?? null,
  };
}
