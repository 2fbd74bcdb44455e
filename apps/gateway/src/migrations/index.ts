import { CreateApiKeysAndAudit1732300600000 } from './1732300600000-create-api-keys-and-audit.js';
import { AuditAction1732301200000 } from './1732301200000-audit-action.js';
import { AuditTimeOrder1732301600000 } from './1732301600000-audit-time-order.js';

/** In order of application; never edit one that has shipped, add a new one. */
export const GATEWAY_MIGRATIONS = [CreateApiKeysAndAudit1732300600000, AuditAction1732301200000, AuditTimeOrder1732301600000];
