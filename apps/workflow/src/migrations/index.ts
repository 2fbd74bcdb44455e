import { CreateCases1732300500000 } from './1732300500000-create-cases.js';
import { LatenessSweepIndex1732300550000 } from './1732300550000-lateness-sweep-index.js';
import { WorklistOrderIndex1732300560000 } from './1732300560000-worklist-order-index.js';
import { SupplementRequestHistory1732300570000 } from './1732300570000-supplement-request-history.js';
import { StepClock1732300580000 } from './1732300580000-step-clock.js';
import { OfficerDirectory1732300590000 } from './1732300590000-officer-directory.js';
import { OnlineAcceptance1732300595000 } from './1732300595000-online-acceptance.js';
import { PaymentWait1733200200000 } from './1733200200000-payment-wait.js';
import { ElectronicResults1733400000000 } from './1733400000000-electronic-results.js';

/** In order of application; never edit one that has shipped, add a new one. */
export const WORKFLOW_MIGRATIONS = [CreateCases1732300500000, LatenessSweepIndex1732300550000, WorklistOrderIndex1732300560000, SupplementRequestHistory1732300570000, StepClock1732300580000, OfficerDirectory1732300590000, OnlineAcceptance1732300595000, PaymentWait1733200200000, ElectronicResults1733400000000];
