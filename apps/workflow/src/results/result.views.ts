import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { formatLocal } from '@onestop/domain';
import type { PdfSignatureCheck } from '@onestop/platform';
import type { ElectronicResultRow } from './results.repository.js';

const CODE_EXAMPLE = 'K7QX-2M9P-4TRA';

/** An electronic result as officers see it on the case. */
export class ElectronicResultView {
  @ApiProperty({ format: 'uuid', example: '5d1c7a0e-4b2f-4e3a-9c61-0f2b8e9d7a15' })
  id: string;

  @ApiProperty({ example: '000.00.01.H56-260316-0001' })
  dossierCode: string;

  @ApiProperty({ enum: ['in_force', 'revoked'], example: 'in_force', description: '`revoked` once revoked (thu hồi); a revoked result stays verifiable as such.' })
  status: 'in_force' | 'revoked';

  @ApiProperty({ example: '125/GP-SGTVT' })
  documentNumber: string;

  @ApiProperty({ type: String, nullable: true, example: 'Giấy phép lái xe hạng B2' })
  summary: string | null;

  @ApiProperty({ example: '000.00.12.H56', description: 'The agency whose key signed it (the competent agency).' })
  agencyCode: string;

  @ApiProperty({ example: 'Sở Giao thông vận tải' })
  agencyName: string;

  @ApiProperty({ example: 'Giám đốc', description: 'The signer\'s title printed on the stamp.' })
  signerTitle: string;

  @ApiProperty({ enum: ['attached', 'template'], example: 'attached', description: '`attached`: the PDF the officer attached; `template`: rendered from the result template.' })
  source: 'attached' | 'template';

  @ApiProperty({ example: 'ket-qua-000.00.01.H56-260316-0001.pdf' })
  fileName: string;

  @ApiProperty({ example: 183204, description: 'Bytes of the signed PDF.' })
  size: number;

  @ApiProperty({ example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', description: 'SHA-256 of the signed PDF, hex.' })
  sha256: string;

  @ApiProperty({ example: CODE_EXAMPLE, description: 'Printed on the stamp and held by its QR code; `GET /results/verify?code=` takes it.' })
  verificationCode: string;

  @ApiProperty({ example: '2026-03-20T09:15:00+07:00' })
  issuedAt: string;

  @ApiProperty({ example: 'reception.ttphc', description: 'The officer who issued it.' })
  issuedBy: string;

  @ApiProperty({ type: String, nullable: true, format: 'uuid', example: null, description: 'The revoked result this one replaces.' })
  replacesId: string | null;

  @ApiProperty({ type: String, nullable: true, example: null })
  revokedAt: string | null;

  @ApiProperty({ type: String, nullable: true, example: null, description: 'Why it was revoked.' })
  revocationReason: string | null;
}

export function toResultView(row: ElectronicResultRow): ElectronicResultView {
  return {
    id: row.id,
    dossierCode: row.dossier_code,
    status: row.revoked_at ? 'revoked' : 'in_force',
    documentNumber: row.document_number,
    summary: row.summary,
    agencyCode: row.agency_code,
    agencyName: row.agency_name,
    signerTitle: row.signer_title,
    source: row.source,
    fileName: row.file_name,
    size: Number(row.size_bytes),
    sha256: row.sha256.trim(),
    verificationCode: row.verification_code,
    issuedAt: formatLocal(new Date(row.issued_at)),
    issuedBy: row.issued_by,
    replacesId: row.replaces_id,
    revokedAt: row.revoked_at ? formatLocal(new Date(row.revoked_at)) : null,
    revocationReason: row.revocation_reason,
  };
}

/** The list of a case's electronic results. */
export class ElectronicResultListView {
  @ApiProperty({ type: [ElectronicResultView], description: 'Oldest first; at most one in force.' })
  items: ElectronicResultView[];
}

/** What the signature itself proves, checked by this system as an independent verifier would. */
export class SignatureCheckView {
  @ApiProperty({ example: true, description: 'Not a byte was changed since it was signed (the signed digest matches).' })
  intact: boolean;

  @ApiProperty({ example: true, description: 'The signature verifies with the signer\'s certificate.' })
  signatureValid: boolean;

  @ApiProperty({ example: true, description: 'The signer\'s certificate was issued by a trusted authority and valid when it signed.' })
  trusted: boolean;

  @ApiProperty({ example: true, description: 'The signature covers the whole file (nothing added after it).' })
  coversWholeFile: boolean;

  @ApiProperty({ type: String, nullable: true, example: '2026-03-20T09:15:00+07:00' })
  signedAt: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'C=VN\nO=Sở Giao thông vận tải\nOU=000.00.12.H56\nCN=Sở Giao thông vận tải', description: 'The signer certificate\'s subject.' })
  signer: string | null;
}

/** The public answer of `/results/verify`. */
export class ResultVerificationView {
  @ApiProperty({ example: true, description: 'A result this system issued, its signature intact, valid and by a trusted agency certificate. True for a revoked one too: see `status`.' })
  genuine: boolean;

  @ApiProperty({ enum: ['in_force', 'revoked', 'not_genuine'], example: 'in_force' })
  status: 'in_force' | 'revoked' | 'not_genuine';

  @ApiProperty({ example: 'Văn bản điện tử hợp lệ, do Sở Giao thông vận tải ký số lúc 09 giờ 15 phút, ngày 20 tháng 3 năm 2026, đang có hiệu lực.', description: 'The verdict in words, in Vietnamese.' })
  verdict: string;

  @ApiPropertyOptional({ type: String, example: 'the file was changed after it was signed (its digest does not match the signature)', description: 'Why it is not genuine (English), when it is not; absent for a genuine result.' })
  problem?: string;

  @ApiProperty({ type: String, nullable: true, example: '000.00.01.H56-260316-0001' })
  dossierCode: string | null;

  @ApiProperty({ type: String, nullable: true, example: '125/GP-SGTVT' })
  documentNumber: string | null;

  @ApiProperty({ type: String, nullable: true, example: '000.00.12.H56' })
  agencyCode: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Sở Giao thông vận tải' })
  agencyName: string | null;

  @ApiProperty({ type: String, nullable: true, example: '2026-03-20T09:15:00+07:00' })
  issuedAt: string | null;

  @ApiProperty({ type: String, nullable: true, example: CODE_EXAMPLE })
  verificationCode: string | null;

  @ApiProperty({ type: String, nullable: true, example: null })
  revokedAt: string | null;

  @ApiProperty({ type: String, nullable: true, example: null })
  revocationReason: string | null;

  @ApiProperty({ type: String, nullable: true, example: null, description: 'The verification code of the result that replaced a revoked one.' })
  replacedBy: string | null;

  @ApiProperty({ type: SignatureCheckView, nullable: true, description: 'The signature\'s own check; null when no signature was found.' })
  signature: SignatureCheckView | null;
}

export function toSignatureCheckView(check: PdfSignatureCheck): SignatureCheckView | null {
  if (!check.signed) return null;
  return {
    intact: check.intact,
    signatureValid: check.signatureValid,
    trusted: check.trusted,
    coversWholeFile: check.coversWholeFile,
    signedAt: check.signedAt ? formatLocal(check.signedAt) : null,
    signer: check.signerSubject ?? null,
  };
}
