/**
 * Who receives a dossier's result by post, as postal needs it to order the delivery: intake's
 * internal answer (`GET /internal/dossiers/{code}/result-delivery`). The receiver is the one the
 * applicant named for the result, else the applicant.
 */
export interface ResultDeliveryDetails {
  dossierCode: string;
  method: string;
  receivingAgencyCode: string;
  receivingAgencyName: string;
  procedureName: string;
  receiver: { name: string; phone: string; address: { detail: string; commune: string; province: string } };
}
