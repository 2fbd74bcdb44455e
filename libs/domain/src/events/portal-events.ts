/**
 * The national portal connector delivered a dossier to the National Public Service Portal for
 * the first time (the portal took its DongBoHoSoMC): what the share of dossiers synchronised,
 * part of the Decision 766 index's publicity component, counts. No personal data.
 */
export interface DossierSynchronisedV1 {
  dossierCode: string;
  receivingAgencyCode: string;
  /** ISO 8601 instants. */
  receivedAt: string;
  synchronisedAt: string;
  /** The national status the portal was told. */
  nationalStatusCode: number;
}
