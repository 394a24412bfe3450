// Estimated Azure cost of a run from the front matter: resources live from deploy through the operations
// window to cleanup, at the scenario's estimated hourly rate.
import { RUN_SIZES, type RunSize, type ParsedScenario } from '../core/scenario';

export const DEFAULT_OPERATIONS_WINDOW_MINUTES = 480;

export interface RunCostEstimate {
  size: RunSize;
  scenarios: number;
  /** Mean scenario cost times the run size: what a seeded selection costs on average. */
  expectedUsd: number;
  /** The cheapest and the dearest selection of this size. */
  minUsd: number;
  maxUsd: number;
}

export function scenarioRunCostUsd(
  scenario: ParsedScenario,
  operationsWindowMinutes = DEFAULT_OPERATIONS_WINDOW_MINUTES,
): number {
  const { durations, cost } = scenario.frontMatter;
  const hours = (durations.deploy + operationsWindowMinutes + durations.cleanup) / 60;
  return cost.estimatedUsdPerHour * hours;
}

const round = (usd: number): number => Math.round(usd * 100) / 100;

export function estimateRunCost(
  scenarios: readonly ParsedScenario[],
  size: RunSize,
  operationsWindowMinutes = DEFAULT_OPERATIONS_WINDOW_MINUTES,
): RunCostEstimate {
  const costs = scenarios
    .filter((s) => s.frontMatter.enabled)
    .map((s) => scenarioRunCostUsd(s, operationsWindowMinutes))
    .sort((a, b) => a - b);
  const count = Math.min(RUN_SIZES[size], costs.length);
  const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
  const mean = costs.length > 0 ? sum(costs) / costs.length : 0;
  return {
    size,
    scenarios: count,
    expectedUsd: round(mean * count),
    minUsd: round(sum(costs.slice(0, count))),
    maxUsd: round(sum(costs.slice(costs.length - count))),
  };
}
