// `haymaker scenarios list | show <id> | lint [paths] [--json]`: browse and check the scenario library.
import type { Command } from 'commander';
import { AREAS, PHASES, type ParsedScenario } from '../../core/scenario';
import { filterScenarios, loadCatalog } from '../../catalog/load';
import { lintPaths } from '../../catalog/lint';
import { formatLintText } from '../../catalog/lint/format';
import { loadBashParser } from '../../core/shell';
import { action } from '../client/command-helpers';
import { CliError, EXIT } from '../client/errors';
import { withOutputOptions, type OutputOptions } from '../output/options';
import { note, writeResult } from '../output/write';

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

interface ScenarioRow {
  id: string;
  area: string;
  enabled: boolean;
  title: string;
  cost: ParsedScenario['frontMatter']['cost'];
}

const scenarioLine = (r: ScenarioRow) =>
  `${r.id.padEnd(48)} ${r.area.padEnd(18)} ${(r.enabled ? 'enabled' : 'disabled').padEnd(9)} ${r.cost.class.padEnd(7)} ${r.title}\n`;

export function register(program: Command): void {
  const scenarios = program
    .command('scenarios')
    .description('browse and lint the scenario library (HAYMAKER_SCENARIOS_DIR or ./scenarios)');

  withOutputOptions(
    scenarios.command('list').description('list scenarios: id, area, enabled, cost class, title'),
  )
    .option('--area <area>', `only this area (${AREAS.join(', ')})`)
    .option('--enabled', 'only enabled scenarios')
    .action(
      action((options: OutputOptions & { area?: string; enabled?: boolean }) => {
        if (options.area && !(AREAS as readonly string[]).includes(options.area))
          throw new CliError(`unknown area "${options.area}": use one of ${AREAS.join(', ')}`, EXIT.usage);
        const catalog = loadCatalog();
        const rows: ScenarioRow[] = filterScenarios(catalog.scenarios, {
          area: options.area,
          enabled: options.enabled ? true : undefined,
        }).map((s) => ({
          id: s.id,
          area: s.frontMatter.area,
          enabled: s.frontMatter.enabled,
          title: s.frontMatter.title,
          cost: s.frontMatter.cost,
        }));
        writeResult(rows, options, {
          text: (list) => list.map(scenarioLine).join(''),
          table: (list) =>
            list.map((r) => ({
              Id: r.id,
              Area: r.area,
              Enabled: r.enabled,
              Cost: r.cost.class,
              Title: r.title,
            })),
        });
        note(`${rows.length} scenario(s)`);
        const broken = catalog.documents.filter((d) => !d.scenario).length;
        if (broken > 0)
          note(`${broken} document(s) could not be parsed: run "haymaker scenarios lint" for details`);
      }),
    );

  withOutputOptions(
    scenarios.command('show <id>').description('show one scenario: metadata, variables and steps per phase'),
  ).action(
    action((id: string, options: OutputOptions) => {
      const scenario = loadCatalog().scenarios.find((s) => s.id === id);
      if (!scenario)
        throw new CliError(
          `no scenario with id "${id}": run "haymaker scenarios list" for the ids`,
          EXIT.notFound,
        );
      writeResult(scenario, options, { text: (s) => `${describeScenario(s)}\n` });
    }),
  );

  withOutputOptions(
    scenarios
      .command('lint [paths...]')
      .description('check scenario documents (default: the whole library); exits 1 on errors'),
  ).action(
    action(async (paths: string[] | undefined, options: OutputOptions) => {
      await loadBashParser();
      const result = lintPaths(paths ?? []);
      writeResult(result, options, {
        text: formatLintText,
        table: (r) =>
          r.issues.map((i) => ({
            File: i.file,
            Line: i.line,
            Severity: i.severity,
            Rule: i.rule,
            Message: i.message,
          })),
      });
      return result.errors > 0 ? EXIT.failure : undefined;
    }),
  );
}
