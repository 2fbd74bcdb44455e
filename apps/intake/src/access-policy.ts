import type { Role } from '@onestop/domain';
import { accessPolicy, type Caller } from '@onestop/platform';

const AGENCY_OFFICERS: readonly Role[] = ['reception', 'specialist', 'leader'];
const APPLICANT_AND_OFFICERS: readonly Role[] = ['citizen', ...AGENCY_OFFICERS, 'admin'];

/** Officers see the dossiers their agencies receive or decide; citizens their own; admins all. */
function readsDossier(caller: Caller, dossier: { ownerSubject: string | null; receivingAgencyCode: string; competentAgencyCode: string }): boolean {
  if (caller.roles.includes('admin')) return true;
  if (caller.roles.includes('citizen') && dossier.ownerSubject === caller.subject) return true;
  return readsForAgencies(caller) && (caller.agencyCodes.includes(dossier.receivingAgencyCode) || caller.agencyCodes.includes(dossier.competentAgencyCode));
}

/** An officer, who reads the dossiers of the agencies their token names. */
const readsForAgencies = (caller: Caller) => caller.roles.some((role) => AGENCY_OFFICERS.includes(role));

/** Only the applicant (online) or a reception officer of the receiving agency acts for the applicant. */
function actsForApplicant(caller: Caller, dossier: { ownerSubject: string | null; receivingAgencyCode: string }): boolean {
  if (caller.roles.includes('citizen') && dossier.ownerSubject === caller.subject) return true;
  return caller.roles.includes('reception') && caller.agencyCodes.includes(dossier.receivingAgencyCode);
}

/** A citizen signed in owns the complaints they file, and reads them without the lookup code. */
const complainantOf = (caller: Caller | undefined): string | null => (caller?.roles.includes('citizen') ? caller.subject : null);

/**
 * Who may call intake's operations: applicants and the officers of the agency; the postal worker
 * hands dossiers over; whoever holds a receipt's lookup code reads and answers for the applicant.
 */
export const IntakeAccess = accessPolicy('intake', {
  receiveDossier: {
    roles: ['citizen', 'reception', 'postal'],
    operations: ['POST /api/v1/dossiers', 'POST /api/v1/dossiers/checks'],
    /** Who records a dossier on each channel: citizens online, reception officers at the counter and for post, the postal operator for post. */
    sourceOn(caller: Caller, channel: string): 'citizen' | 'officer' | 'postal' | undefined {
      if (channel === 'online') return caller.roles.includes('citizen') ? 'citizen' : undefined;
      if (caller.roles.includes('reception')) return 'officer';
      return channel === 'post' && caller.roles.includes('postal') ? 'postal' : undefined;
    },
    /** A reception officer receives for the agencies their token names only. */
    receivesFor: (caller: Caller, agencyCode: string): boolean => caller.agencyCodes.includes(agencyCode),
  },
  readDossier: {
    roles: APPLICANT_AND_OFFICERS,
    operations: ['GET /api/v1/dossiers', 'GET /api/v1/dossiers/{code}', 'GET /api/v1/dossiers/{code}/progress'],
    allows: readsDossier,
    readsForAgencies,
    seesEveryDossier: (caller: Caller): boolean => caller.roles.includes('admin'),
  },
  /** The receipt again: with the lookup code from it (an applicant at the counter or by post has no account), or signed in. */
  readReceipt: { entry: 'lookup-code', roles: APPLICANT_AND_OFFICERS, operations: ['GET /api/v1/dossiers/{code}/receipt'], allows: readsDossier },
  /** A dossier's files and official forms, as the receipt; the handler checks the sign-in once the query is validated. */
  readDossierFiles: {
    entry: 'lookup-code',
    checkedByHandler: true,
    roles: APPLICANT_AND_OFFICERS,
    operations: ['GET /api/v1/dossiers/{code}/documents', 'GET /api/v1/dossiers/{code}/documents/{id}', 'GET /api/v1/dossiers/{code}/forms/{form}', 'GET /api/v1/dossiers/{code}/result'],
    allows: readsDossier,
  },
  /** A supplement's files and answer: signed in for the applicant, or with the lookup code while a supplement is requested. */
  answerForApplicant: {
    entry: 'lookup-code',
    roles: ['citizen', 'reception'],
    operations: ['POST /api/v1/dossiers/{code}/documents', 'POST /api/v1/dossiers/{code}/supplements'],
    allows: actsForApplicant,
  },
  actForApplicant: {
    roles: ['citizen', 'reception'],
    operations: ['POST /api/v1/dossiers/{code}/withdrawal', 'DELETE /api/v1/dossiers/{code}/documents/{id}'],
    allows: actsForApplicant,
  },
  /** The applicant's document store: a citizen their own (the ID numbers of the dossiers they own). */
  readOwnStore: { roles: ['citizen'], operations: ['GET /api/v1/stored-documents', 'GET /api/v1/stored-documents/{id}', 'DELETE /api/v1/stored-documents/{id}'] },
  /** Officers see an applicant's store only through a dossier they may see. */
  readApplicantStore: { roles: AGENCY_OFFICERS, operations: ['GET /api/v1/dossiers/{code}/stored-documents', 'GET /api/v1/dossiers/{code}/stored-documents/{id}'] },
  /** Digitising a dossier's document at the counter (số hóa): reception of the receiving agency. */
  digitiseDocuments: { roles: ['reception'], operations: ['POST /api/v1/dossiers/{code}/documents/{id}/digitisation'] },
  /** The public lookup, and the rating made with the lookup code as the lookup is. */
  lookUpDossier: { entry: 'public', operations: ['GET /api/v1/lookup', 'POST /api/v1/dossiers/{code}/rating'] },
  fileComplaint: { entry: 'optional-sign-in', operations: ['POST /api/v1/complaints'], complainantOf },
  /** The complainant, with the lookup code answered at filing, or signed in as the citizen who filed it; any other caller is told 404. */
  readComplaint: {
    entry: 'lookup-code',
    checkedByHandler: true,
    operations: ['GET /api/v1/complaints/{id}'],
    filed(caller: Caller | undefined, complaint: { owner_subject: string | null }): boolean {
      const complainant = complainantOf(caller);
      return complainant !== null && complaint.owner_subject === complainant;
    },
  },
  listComplaints: {
    roles: ['reception', 'leader', 'admin'],
    operations: ['GET /api/v1/complaints'],
    seesEveryAgency: (caller: Caller): boolean => caller.roles.includes('admin'),
  },
  answerComplaint: {
    roles: ['reception', 'leader'],
    operations: ['POST /api/v1/complaints/{id}/answer'],
    allows: (caller: Caller, complaint: { agency_code: string }): boolean => caller.roles.includes('admin') || caller.agencyCodes.includes(complaint.agency_code),
  },
  readDossierFeed: { roles: ['admin'], scopes: ['sync:read'], operations: ['GET /api/v1/sync/dossiers'] },
  /** The national portal's push: machines only. */
  pushPortalDossier: { scopes: ['sync:write'], operations: ['POST /api/v1/sync/dossiers'] },
  /** Retention of personal data (Decree 13/2023): the policies, running the erasure now, and the logs. */
  managePersonalData: {
    roles: ['admin'],
    operations: ['GET /api/v1/retention-policies', 'PUT /api/v1/retention-policies/{fieldCode}', 'POST /api/v1/personal-data/erasures', 'GET /api/v1/personal-data/erasures', 'GET /api/v1/personal-data/exports'],
  },
  /** A citizen's own data, as the system holds it under the dossiers of their account. */
  exportOwnPersonalData: { roles: ['citizen'], operations: ['POST /api/v1/personal-data/me/exports'] },
  /**
   * A person's data on their written request at the counter: a reception officer gives out what
   * their agencies received; an administrator, the whole province's.
   */
  exportPersonalDataOnRequest: {
    roles: ['reception', 'admin'],
    operations: ['POST /api/v1/personal-data/exports'],
    agenciesOf: (caller: Caller): string[] | null => (caller.roles.includes('admin') ? null : caller.agencyCodes),
  },
});
