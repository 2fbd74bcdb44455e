import 'reflect-metadata';
import { runCatalogSearch } from './catalog-search.bench.js';

/** `npm run bench [scenario ...]`: every scenario, or the named ones; figures go to bench/results. */
const SCENARIOS: Record<string, () => Promise<void>> = {
  'catalog-search': runCatalogSearch,
};

const wanted = process.argv.slice(2);
for (const name of wanted.length ? wanted : Object.keys(SCENARIOS)) {
  const scenario = SCENARIOS[name];
  if (!scenario) {
    process.stderr.write(`unknown scenario ${name}; known: ${Object.keys(SCENARIOS).join(', ')}\n`);
    process.exit(2);
  }
  await scenario();
}
process.exit(0);
