// `npm run bench [section]`: runs bench sections and merges their figures into bench/results.json.
import fs from 'node:fs';
import path from 'node:path';
import { hostSection } from './sections/host';

export interface BenchSection {
  name: string;
  run(): Promise<Record<string, unknown>>;
}

/** The registry: one line per section. */
const sections: BenchSection[] = [
  hostSection,
  (require('./sections/agent') as typeof import('./sections/agent')).agentSection,
  (require('./sections/workflow') as typeof import('./sections/workflow')).workflowSection,
  (require('./sections/cleanup') as typeof import('./sections/cleanup')).cleanupSection,
  (require('./sections/tests') as typeof import('./sections/tests')).testsSection,
  (require('./sections/scrub') as typeof import('./sections/scrub')).scrubSection,
];

const resultsFile = path.resolve(__dirname, '..', '..', 'bench', 'results.json');

async function main(): Promise<void> {
  const wanted = process.argv[2];
  const chosen = wanted ? sections.filter((s) => s.name === wanted) : sections;
  if (chosen.length === 0)
    throw new Error(`no bench section "${wanted}"; known: ${sections.map((s) => s.name).join(', ')}`);
  const existing = fs.existsSync(resultsFile)
    ? (JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as Record<string, unknown>)
    : {};
  for (const section of chosen) {
    process.stdout.write(`bench ${section.name} …\n`);
    const figures = await section.run();
    existing[section.name] = {
      ...((existing[section.name] as Record<string, unknown> | undefined) ?? {}),
      ...figures,
    };
    for (const [key, value] of Object.entries(figures))
      process.stdout.write(`  ${`${section.name}.${key}`.padEnd(40)} ${JSON.stringify(value)}\n`);
  }
  existing.measuredAt = new Date().toISOString();
  fs.writeFileSync(resultsFile, `${JSON.stringify(existing, null, 2)}\n`);
  process.stdout.write(`wrote ${path.relative(process.cwd(), resultsFile)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
