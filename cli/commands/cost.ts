// `haymaker cost [--size]`: the estimated Azure cost of a run from the scenario library's front matter (no API call):
// resources live from deploy through the operations window to cleanup at each scenario's hourly estimate.
import { InvalidArgumentError, type Command } from 'commander';
import { estimateRunCost, DEFAULT_OPERATIONS_WINDOW_MINUTES } from '../../catalog/cost';
import { defaultScenariosDir, loadCatalog } from '../../catalog/load';
import { RUN_SIZES, type RunSize } from '../../core/scenario';
import { action, positiveInt } from '../client/command-helpers';
import { withOutputOptions, type OutputOptions } from '../output/options';
import { note, writeResult } from '../output/write';
import { CliError } from '../client/errors';

interface CostOptions extends OutputOptions {
  size?: RunSize;
  operationsWindowMinutes: number;
  runsPerDay: number;
  dir?: string;
}

const SIZES = Object.keys(RUN_SIZES) as RunSize[];

export function register(program: Command): void {
  withOutputOptions(program.command('cost'))
    .description('estimated Azure cost of a run per size, from the scenario library')
    .option('--size <size>', `${SIZES.join(' | ')} (default: all)`, (v) => {
      if (!(SIZES as string[]).includes(v))
        throw new InvalidArgumentError(`--size must be one of ${SIZES.join(', ')}`);
      return v;
    })
    .option(
      '--operations-window-minutes <n>',
      'operations window',
      positiveInt('--operations-window-minutes'),
      DEFAULT_OPERATIONS_WINDOW_MINUTES,
    )
    .option('--runs-per-day <n>', 'runs a day (the schedule runs 4)', positiveInt('--runs-per-day'), 4)
    .option('--dir <dir>', 'scenario folder (default HAYMAKER_SCENARIOS_DIR or ./scenarios)')
    .action(
      action(async (options: CostOptions) => {
        const catalog = loadCatalog({ dir: options.dir ?? defaultScenariosDir() });
        if (catalog.scenarios.length === 0)
          throw new CliError(`no scenarios found in ${options.dir ?? defaultScenariosDir()}; pass --dir`, 1);
        const estimates = (options.size ? [options.size] : SIZES).map((size) => {
          const e = estimateRunCost(catalog.scenarios, size, options.operationsWindowMinutes);
          return { ...e, perMonthUsd: Math.round(e.expectedUsd * options.runsPerDay * 30 * 100) / 100 };
        });
        const result = {
          operationsWindowMinutes: options.operationsWindowMinutes,
          runsPerDay: options.runsPerDay,
          estimates,
        };
        note(
          `estimated Azure cost per run (operations window ${options.operationsWindowMinutes} min; list-price estimates from the scenarios' front matter)`,
        );
        writeResult(result, options, {
          text: (r) =>
            r.estimates
              .map(
                (e) =>
                  `  ${e.size.padEnd(7)} ${String(e.scenarios).padStart(3)} scenarios  expected $${e.expectedUsd.toFixed(2)}  (range $${e.minUsd.toFixed(2)}–$${e.maxUsd.toFixed(2)})  ~$${e.perMonthUsd.toFixed(2)}/month at ${r.runsPerDay} runs/day\n`,
              )
              .join(''),
          table: (r) =>
            r.estimates.map((e) => ({
              Size: e.size,
              Scenarios: e.scenarios,
              ExpectedUsd: e.expectedUsd.toFixed(2),
              MinUsd: e.minUsd.toFixed(2),
              MaxUsd: e.maxUsd.toFixed(2),
              PerMonthUsd: e.perMonthUsd.toFixed(2),
            })),
        });
      }),
    );
}
