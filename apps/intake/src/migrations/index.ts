import { CreateDossiers1732300300000 } from './1732300300000-create-dossiers.js';
import { CreateDossierFiles1732300400000 } from './1732300400000-create-dossier-files.js';
import { DossierProgressFeed1732300700000 } from './1732300700000-dossier-progress-feed.js';
import { ComplaintLookup1732300800000 } from './1732300800000-complaint-lookup.js';
import { DocumentUploadOrder1732300900000 } from './1732300900000-document-upload-order.js';
import { PortalPushFingerprint1732301000000 } from './1732301000000-portal-push-fingerprint.js';
import { LookupAttempts1732301500000 } from './1732301500000-lookup-attempts.js';
import { SupplementItemsAndLateness1732301750000 } from './1732301750000-supplement-items-and-lateness.js';
import { ProgressStepAction1732301800000 } from './1732301800000-progress-step-action.js';
import { ApplicantDocumentStore1733400100000 } from './1733400100000-applicant-document-store.js';
import { PersonalDataRetention1733800300000 } from './1733800300000-personal-data-retention.js';

/** In order of application; never edit one that has shipped, add a new one. */
export const INTAKE_MIGRATIONS = [CreateDossiers1732300300000, CreateDossierFiles1732300400000, DossierProgressFeed1732300700000, ComplaintLookup1732300800000, DocumentUploadOrder1732300900000, PortalPushFingerprint1732301000000, LookupAttempts1732301500000, SupplementItemsAndLateness1732301750000, ProgressStepAction1732301800000, ApplicantDocumentStore1733400100000, PersonalDataRetention1733800300000];
