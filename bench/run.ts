// `npm run bench [-- <section>[.<figure>] ...]`: runs bench sections (all, or those named, or single figures such as
// workflow.scale.s1000) and merges their figures into bench/results.json. An unknown name exits 2 before anything
// runs.
import fs from 'node:fs';
import path from 'node:path';
import { hostSection } from './sections/host';
import { BenchUsageError, mergeFigures, selectBench, type BenchSection } from './selection';

export type { BenchSection } from './selection';

/** The registry: one line per section. */
const sections: BenchSection[] = [
  hostSection,
  (require('./sections/agent') as typeof import('./sections/agent')).agentSection,
  (require('./sections/workflow') as typeof import('./sections/workflow')).workflowSection,
  (require('./sections/cleanup') as typeof import('./sections/cleanup')).cleanupSection,
  (require('./sections/scrub') as typeof import('./sections/scrub')).scrubSection,
  (require('./sections/reliability') as typeof import('./sections/reliability')).reliabilitySection,
  // Last: it takes minutes (a clone, npm ci and npm test).
  (require('./sections/tests') as typeof import('./sections/tests')).testsSection,
];

const resultsFile = path.resolve(__dirname, '..', '..', 'bench', 'results.json');

async function main(): Promise<void> {
  const chosen = selectBench(process.argv.slice(2), sections);
  const existing = fs.existsSync(resultsFile)
    ? (JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as Record<string, unknown>)
    : {};
  for (const { section, only } of chosen) {
    process.stdout.write(`bench ${section.name}${only ? ` (${[...only].join(', ')})` : ''} …\n`);
    const figures = await section.run(only);
    existing[section.name] = mergeFigures(existing[section.name], figures, section.figures);
    for (const [key, value] of Object.entries(figures))
      process.stdout.write(`  ${`${section.name}.${key}`.padEnd(40)} ${JSON.stringify(value)}\n`);
    existing.measuredAt = new Date().toISOString();
    // After every section, so a long run that fails later keeps what it measured.
    fs.writeFileSync(resultsFile, `${JSON.stringify(existing, null, 2)}\n`);
  }
  process.stdout.write(`wrote ${path.relative(process.cwd(), resultsFile)}\n`);
}

main().catch((err: unknown) => {
  if (err instanceof BenchUsageError) {
    process.stderr.write(`bench: ${err.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`bench failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
