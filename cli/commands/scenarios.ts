// `haymaker scenarios list | show <id> | lint [paths] [--json]`: browse and check the scenario library.
import type { Command } from 'commander';
import { AREAS, PHASES, type ParsedScenario } from '../../core/scenario';
import { filterScenarios, loadCatalog } from '../../catalog/load';
import { lintPaths } from '../../catalog/lint';
import { loadBashParser } from '../../core/shell';
import { formatLintJson, formatLintText } from '../../catalog/lint/format';

function describeScenario(s: ParsedScenario): string {
  const fm = s.frontMatter;
  const out = [
    `${s.id} — ${fm.title}`,
    `  file:        ${s.file}`,
    `  area:        ${fm.area}   enabled: ${fm.enabled}`,
    `  description: ${fm.description}`,
    `  services:    ${fm.services.join(', ')}`,
    `  roles:       ${fm.roles.join(', ') || '(none)'}   graph permissions: ${fm.graphPermissions.join(', ') || '(none)'}`,
    `  cost:        ${fm.cost.class}, about $${fm.cost.estimatedUsdPerHour}/hour`,
    `  durations:   deploy ${fm.durations.deploy} min, operate ${fm.durations.operate} min per burst, cleanup ${fm.durations.cleanup} min`,
    `  variables:   ${s.variables.map(([n, v]) => `${n}=${v}`).join('  ') || '(none)'}`,
  ];
  for (const phase of PHASES) {
    out.push(`  ${phase}:`);
    for (const step of s.phases[phase]) out.push(`    - ${step.title} (line ${step.line})`);
  }
  return out.join('\n');
}

export function register(program: Command): void {
  const scenarios = program
    .command('scenarios')
    .description('browse and lint the scenario library (HAYMAKER_SCENARIOS_DIR or ./scenarios)');

  scenarios
    .command('list')
    .description('list scenarios: id, area, enabled, cost class, title')
    .option('--area <area>', `only this area (${AREAS.join(', ')})`)
    .option('--enabled', 'only enabled scenarios')
    .option('--json', 'print JSON')
    .action((options: { area?: string; enabled?: boolean; json?: boolean }) => {
      if (options.area && !(AREAS as readonly string[]).includes(options.area)) {
        throw new Error(`unknown area "${options.area}": use one of ${AREAS.join(', ')}`);
      }
      const catalog = loadCatalog();
      const list = filterScenarios(catalog.scenarios, {
        area: options.area,
        enabled: options.enabled ? true : undefined,
      });
      if (options.json) {
        const rows = list.map((s) => ({
          id: s.id,
          area: s.frontMatter.area,
          enabled: s.frontMatter.enabled,
          title: s.frontMatter.title,
          cost: s.frontMatter.cost,
        }));
        process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
      } else {
        for (const s of list) {
          process.stdout.write(
            `${s.id.padEnd(48)} ${s.frontMatter.area.padEnd(18)} ${(s.frontMatter.enabled ? 'enabled' : 'disabled').padEnd(9)} ${s.frontMatter.cost.class.padEnd(7)} ${s.frontMatter.title}\n`,
          );
        }
        process.stdout.write(`${list.length} scenario(s)\n`);
      }
      const broken = catalog.documents.filter((d) => !d.scenario).length;
      if (broken > 0)
        process.stderr.write(
          `${broken} document(s) could not be parsed: run "haymaker scenarios lint" for details\n`,
        );
    });

  scenarios
    .command('show <id>')
    .description('show one scenario: metadata, variables and steps per phase')
    .option('--json', 'print the parsed scenario as JSON')
    .action((id: string, options: { json?: boolean }) => {
      const scenario = loadCatalog().scenarios.find((s) => s.id === id);
      if (!scenario)
        throw new Error(`no scenario with id "${id}": run "haymaker scenarios list" for the ids`);
      process.stdout.write(
        options.json ? `${JSON.stringify(scenario, null, 2)}\n` : `${describeScenario(scenario)}\n`,
      );
    });

  scenarios
    .command('lint [paths...]')
    .description('check scenario documents (default: the whole library); exits 1 on errors')
    .option('--json', 'print the issues as JSON')
    .action(async (paths: string[] | undefined, options: { json?: boolean }) => {
      await loadBashParser();
      const result = lintPaths(paths ?? []);
      process.stdout.write(options.json ? formatLintJson(result) : formatLintText(result));
      if (result.errors > 0) process.exitCode = 1;
    });
}
