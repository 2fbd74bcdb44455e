import { CreateCatalog1732300100000 } from './1732300100000-create-catalog.js';
import { ProcedureWordSearch1732300150000 } from './1732300150000-procedure-word-search.js';
import { ProcedureFeed1732300160000 } from './1732300160000-procedure-feed.js';
import { ProceduresInForce1732300170000 } from './1732300170000-procedures-in-force.js';
import { DemoDataLoads1732300180000 } from './1732300180000-demo-data-loads.js';
import { FeeLineCodes1733200000000 } from './1733200000000-fee-line-codes.js';
import { ProcedureSearchWords1733800000000 } from './1733800000000-procedure-search-words.js';
import { ProcedureNames1734000000000 } from './1734000000000-procedure-names.js';

/** In order of application; never edit one that has shipped, add a new one. */
export const CATALOG_MIGRATIONS = [
  CreateCatalog1732300100000,
  ProcedureWordSearch1732300150000,
  ProcedureFeed1732300160000,
  ProceduresInForce1732300170000,
  DemoDataLoads1732300180000,
  FeeLineCodes1733200000000,
  ProcedureSearchWords1733800000000,
  ProcedureNames1734000000000,
];
