import { ApiProperty } from '@nestjs/swagger';
import { formatLocal } from '@onestop/domain';
import type { StoredDocumentRow } from './stored-documents.repository.js';

/** An entry of the applicant's document store: what it is and where it came from; the bytes are at its own URL. */
export class StoredDocumentView {
  @ApiProperty({ format: 'uuid', example: '0b8e6f3a-2d4c-4f1e-9a7b-5c3d2e1f0a9b', description: 'What `documents[].storedDocumentId` of a new dossier names to reuse it.' })
  id: string;

  @ApiProperty({ enum: ['digitised', 'result'], example: 'digitised', description: '`digitised`: a document of a dossier an officer digitised at reception; `result`: an electronic result issued to the applicant.' })
  kind: 'digitised' | 'result';

  @ApiProperty({ example: 'Giấy khám sức khỏe', description: 'The type of document (the name of the procedure\'s document it was submitted as, or the result\'s): a new dossier reuses it for a required document of the same name.' })
  documentType: string;

  @ApiProperty({ example: 'giay-kham-suc-khoe.pdf' })
  fileName: string;

  @ApiProperty({ enum: ['application/pdf', 'image/jpeg', 'image/png'], example: 'application/pdf' })
  mediaType: string;

  @ApiProperty({ example: 183204, description: 'Bytes.' })
  size: number;

  @ApiProperty({ example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', description: 'SHA-256 of the bytes, hex.' })
  sha256: string;

  @ApiProperty({ example: '000.00.01.H56-260316-0001', description: 'The dossier it came from.' })
  dossierCode: string;

  @ApiProperty({ example: '000.00.01.H56', description: 'The agency that digitised or issued it.' })
  agencyCode: string;

  @ApiProperty({ example: '2026-03-16T10:05:00+07:00' })
  addedAt: string;

  @ApiProperty({ type: String, nullable: true, example: null, description: 'A result: its verification code (`/results/verify?code=`).' })
  verificationCode: string | null;

  @ApiProperty({ type: String, nullable: true, example: null, description: 'A result revoked by its agency: when.' })
  revokedAt: string | null;
}

export function toStoredDocumentView(row: StoredDocumentRow): StoredDocumentView {
  return {
    id: row.id,
    kind: row.kind,
    documentType: row.document_type,
    fileName: row.file_name,
    mediaType: row.media_type,
    size: Number(row.size_bytes),
    sha256: row.sha256.trim(),
    dossierCode: row.dossier_code,
    agencyCode: row.agency_code,
    addedAt: formatLocal(new Date(row.added_at)),
    verificationCode: row.verification_code,
    revokedAt: row.revoked_at ? formatLocal(new Date(row.revoked_at)) : null,
  };
}
