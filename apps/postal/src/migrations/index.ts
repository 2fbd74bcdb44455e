import { CreateShipments1732300800000 } from './1732300800000-create-shipments.js';

/** In order of application; never edit one that has shipped, add a new one. */
export const POSTAL_MIGRATIONS = [CreateShipments1732300800000];
