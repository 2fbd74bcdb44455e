import { CreateProcedureFacts1732300200000 } from './1732300200000-create-procedure-facts.js';
import { CreateDossierFactsAndRollups1732300900000 } from './1732300900000-create-dossier-facts-and-rollups.js';
import { RollupFillfactor1732301000000 } from './1732301000000-rollup-fillfactor.js';
import { ResultsSentAndReturnedByPost1732301100000 } from './1732301100000-results-sent-and-returned-by-post.js';
import { DrilldownIndexes1733600000000 } from './1733600000000-drilldown-indexes.js';
import { DocumentStoreFacts1733400200000 } from './1733400200000-document-store-facts.js';
import { PaymentFacts1733200300000 } from './1733200300000-payment-facts.js';
import { PortalSyncFacts1733100000001 } from './1733100000001-portal-sync-facts.js';
import { LatenessCauseCategories1733800100000 } from './1733800100000-lateness-cause-categories.js';
import { RollupDekadsAndQuarters1734000100000 } from './1734000100000-rollup-dekads-and-quarters.js';

/** In order of application; never edit one that has shipped, add a new one. */
export const REPORTING_MIGRATIONS = [CreateProcedureFacts1732300200000, CreateDossierFactsAndRollups1732300900000, RollupFillfactor1732301000000, ResultsSentAndReturnedByPost1732301100000, DocumentStoreFacts1733400200000, PaymentFacts1733200300000, PortalSyncFacts1733100000001, DrilldownIndexes1733600000000, LatenessCauseCategories1733800100000, RollupDekadsAndQuarters1734000100000];
