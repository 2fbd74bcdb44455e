import 'reflect-metadata';
import { runCatalogSearch } from './catalog-search.bench.js';
import { runIntakeSubmission } from './intake-submission.bench.js';
import { runWorkflow } from './workflow.bench.js';
import { runIdleMemory } from './idle-memory.bench.js';
import { runLookup } from './lookup.bench.js';
import { runReporting06a } from './reporting-06a.bench.js';
import { runNotification } from './notification.bench.js';
import { runPayment } from './payment.bench.js';
import { writeFiguresTable } from './lib/table.js';
import { scenarioStarting } from './lib/report.js';

/**
 * `npm run bench [scenario ...]`: every scenario, or the named ones; figures go to
 * bench/results and the table in bench/README.md is regenerated from them.
 * `npm run bench table` only regenerates the table.
 */
const SCENARIOS: Record<string, () => Promise<void>> = {
  'intake-submission': runIntakeSubmission,
  'catalog-search': runCatalogSearch,
  workflow: runWorkflow,
  lookup: runLookup,
  'reporting-06a': runReporting06a,
  'idle-memory': runIdleMemory,
  notification: runNotification,
  payment: runPayment,
};

const wanted = process.argv.slice(2).filter((name) => name !== 'table');
const tableOnly = process.argv.slice(2).includes('table') && wanted.length === 0;
for (const name of tableOnly ? [] : wanted.length ? wanted : Object.keys(SCENARIOS)) {
  const scenario = SCENARIOS[name];
  if (!scenario) {
    process.stderr.write(`unknown scenario ${name}; known: ${Object.keys(SCENARIOS).join(', ')} (or "table")\n`);
    process.exit(2);
  }
  scenarioStarting();
  await scenario();
}
await writeFiguresTable();
process.exit(0);
