// The library's figures for reports: scenarios per area, the az conformance result, estimated run costs.
// Run: node dist/catalog/figures.js [--json] [--no-az]
import { AREAS, RUN_SIZES, type RunSize, type ParsedScenario } from '../core/scenario';
import { checkAzConformance, type ConformanceReport } from './az-conformance';
import { estimateRunCost, type RunCostEstimate } from './cost';
import { loadCatalog } from './load';
import { errorText } from '../core/error-text';

export interface CatalogFigures {
  scenarios: number;
  enabled: number;
  perArea: Record<string, number>;
  costs: Record<RunSize, RunCostEstimate>;
}

export function catalogFigures(scenarios: readonly ParsedScenario[]): CatalogFigures {
  const perArea: Record<string, number> = Object.fromEntries(AREAS.map((a) => [a, 0]));
  for (const s of scenarios) perArea[s.frontMatter.area] = (perArea[s.frontMatter.area] ?? 0) + 1;
  const sizes = Object.keys(RUN_SIZES) as RunSize[];
  return {
    scenarios: scenarios.length,
    enabled: scenarios.filter((s) => s.frontMatter.enabled).length,
    perArea,
    costs: Object.fromEntries(sizes.map((size) => [size, estimateRunCost(scenarios, size)])) as Record<
      RunSize,
      RunCostEstimate
    >,
  };
}

export function formatFigures(figures: CatalogFigures, conformance?: ConformanceReport): string {
  const lines = [`scenarios: ${figures.scenarios} (${figures.enabled} enabled)`];
  for (const [area, count] of Object.entries(figures.perArea)) lines.push(`  ${area.padEnd(18)} ${count}`);
  lines.push(
    'estimated Azure cost of a run (8 h operations window; expected = mean scenario x size; range = cheapest..dearest selection):',
  );
  for (const c of Object.values(figures.costs)) {
    lines.push(
      `  ${c.size.padEnd(7)} ${String(c.scenarios).padStart(2)} scenarios  expected $${c.expectedUsd.toFixed(2)}  range $${c.minUsd.toFixed(2)}..$${c.maxUsd.toFixed(2)}`,
    );
  }
  if (conformance?.skipped) lines.push(`az conformance: skipped — ${conformance.skipped}`);
  else if (conformance) {
    const c = conformance.counts;
    lines.push(
      `az conformance (azure-cli ${conformance.azVersion}): ${conformance.invocations} command uses (${conformance.distinctCommands} distinct commands) checked, ` +
        `${conformance.failedInvocations} failed (unknown command ${c['unknown-command']}, unknown flag ${c['unknown-flag']}); ` +
        `unverifiable: extension ${c.extension}, help not loadable ${c['help-not-loadable']}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

async function main(argv: string[]): Promise<void> {
  const { scenarios } = loadCatalog();
  const figures = catalogFigures(scenarios);
  const conformance = argv.includes('--no-az') ? undefined : await checkAzConformance(scenarios);
  if (argv.includes('--json'))
    process.stdout.write(`${JSON.stringify({ ...figures, azConformance: conformance }, null, 2)}\n`);
  else process.stdout.write(formatFigures(figures, conformance));
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`could not compute the catalog figures: ${errorText(error)}\n`);
    process.exit(1);
  });
}
