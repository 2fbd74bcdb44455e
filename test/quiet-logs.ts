import { Logger } from '@nestjs/common';

// Services under test log at the level TEST_LOG_LEVEL asks (fatal by default); this silences
// what Nest prints before any app exists, such as module-definition warnings.
Logger.overrideLogger(process.env.TEST_LOG_LEVEL ? ['fatal', 'error', 'warn'] : ['fatal']);
