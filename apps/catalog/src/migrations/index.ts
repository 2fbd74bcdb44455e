import { CreateCatalog1732300100000 } from './1732300100000-create-catalog.js';

/** In order of application; never edit one that has shipped, add a new one. */
export const CATALOG_MIGRATIONS = [CreateCatalog1732300100000];
