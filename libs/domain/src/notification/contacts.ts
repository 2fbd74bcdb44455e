import type { ResultDeliveryMethod } from '../intake/dossier.js';

/**
 * What notification asks intake of a dossier to tell its applicant what happened: how to reach
 * them and the few facts the messages name. Personal data: it travels only between the two
 * services with the service credential, and notification logs none of it unmasked.
 */
export interface DossierContact {
  dossierCode: string;
  /** The lookup code (mã tra cứu) from the receipt, sent with the reception message. */
  lookupCode: string;
  procedureName: string;
  receivingAgencyCode: string;
  receivingAgencyName: string;
  applicant: {
    kind: 'person' | 'organisation';
    name: string;
    /** CCCD of a person, tax code (mã số thuế) of an organisation: an organisation's single email is kept under it. */
    idNumber: string;
    phone: string;
    email: string | null;
  };
  /** The citizen account that filed it online, whose notification preferences apply; null at the counter. */
  ownerSubject: string | null;
  appointmentAt: string;
  resultDelivery: ResultDeliveryMethod;
}

/** The complainant of a complaint (phản ánh, kiến nghị), told when it is answered. */
export interface ComplaintContact {
  complaintId: string;
  dossierCode: string | null;
  subject: string;
  complainant: { name: string; phone: string; email: string | null };
  ownerSubject: string | null;
}

/** Whom workflow says a case's notices go to: its assignee, and the active officers of its unit who do its step. */
export interface CaseNoticeRecipients {
  dossierCode: string;
  agencyCode: string;
  assignee: string | null;
  officers: string[];
}
