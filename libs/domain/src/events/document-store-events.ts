/**
 * The applicant's document store (kho dữ liệu điện tử của cá nhân, tổ chức): intake's facts for
 * the 766 index's digitisation components. No personal data travels.
 */

/** A reception officer digitised a document of a dossier (scanned or checked at the counter): it is kept in the applicant's store. */
export interface DocumentDigitisedV1 {
  /** The document's entry in the applicant's store. */
  storedDocumentId: string;
  dossierCode: string;
  /** The receiving agency, where it was digitised. */
  agencyCode: string;
  documentType: string;
  digitisedAt: string;
}

/** A new dossier took a document from the applicant's store instead of having it handed in again. */
export interface StoredDocumentReusedV1 {
  storedDocumentId: string;
  dossierCode: string;
  /** The receiving agency of the new dossier. */
  agencyCode: string;
  requirement: number;
  reusedAt: string;
}
