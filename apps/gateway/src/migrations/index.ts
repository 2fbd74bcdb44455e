import { CreateApiKeysAndAudit1732300600000 } from './1732300600000-create-api-keys-and-audit.js';

/** In order of application; never edit one that has shipped, add a new one. */
export const GATEWAY_MIGRATIONS = [CreateApiKeysAndAudit1732300600000];
