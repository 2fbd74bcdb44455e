import { CreateProcedures1732300100000 } from './1732300100000-create-procedures.js';

/** In order of application; never edit one that has shipped, add a new one. */
export const CATALOG_MIGRATIONS = [CreateProcedures1732300100000];
