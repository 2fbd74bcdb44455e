/**
 * Workflow issued an electronic result (kết quả điện tử, Decree 45/2020): the document signed
 * with the agency's key, kept by workflow. Intake puts it in the applicant's document store (it
 * fetches the bytes from workflow by `resultId`); no personal data travels. A replacement for a
 * revoked result names the one it replaces.
 */
export interface ElectronicResultIssuedV1 {
  resultId: string;
  dossierCode: string;
  /** The agency whose key signed it. */
  agencyCode: string;
  documentNumber: string;
  summary: string | null;
  fileName: string;
  sizeBytes: number;
  /** SHA-256 of the signed PDF, hex. */
  sha256: string;
  /** Printed on the stamp and in its QR code: what `/results/verify?code=` takes. */
  verificationCode: string;
  issuedAt: string;
  replacesResultId: string | null;
}

/** An electronic result was revoked (thu hồi): it stays verifiable, as revoked. */
export interface ElectronicResultRevokedV1 {
  resultId: string;
  dossierCode: string;
  agencyCode: string;
  revokedAt: string;
  reason: string;
}
