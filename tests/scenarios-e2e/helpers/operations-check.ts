// What a fresh sandbox run of a scenario produced against what the repository says it produces: the front matter's
// declared `operations` and scenarios/observed-operations.json (which `npm run observe:operations` writes). Any
// difference means the committed lists are stale.
import { hayCoverage } from '../../../contract/hay-coverage';
import type { ParsedScenario } from '../../../core/scenario';
import type { ObservedOperations } from '../../../catalog/operations/observed';
import type { ScenarioRun } from './run-scenario';

const REGENERATE = 'npm run observe:operations -- --declare';

function differences(what: string, listed: readonly string[], fresh: readonly string[]): string[] {
  const c = hayCoverage(listed, fresh);
  return [
    ...(c.missing.length ? [`${what} but not produced now: ${c.missing.join(', ')}`] : []),
    ...(c.unexpected.length ? [`produced now but not ${what}: ${c.unexpected.join(', ')}`] : []),
  ];
}

export function staleOperations(
  run: ScenarioRun,
  scenario: ParsedScenario | undefined,
  observed: ObservedOperations,
): string[] {
  const recorded = observed.scenarios[run.scenarioId];
  const say = (problem: string) => `${run.scenarioId}: ${problem} (run ${REGENERATE} ${run.scenarioId})`;
  if (run.refused) return recorded && 'refused' in recorded ? [] : [say('refused now, recorded as observed')];
  if (!recorded || !('operations' in recorded)) return [say('ran, but no observation is recorded')];
  const declared = scenario?.frontMatter.operations ?? [];
  return [
    ...(run.operations.length === 0 ? [say('produced no control-plane operation')] : []),
    ...(declared.length === 0 ? [say('declares no operations')] : []),
    ...differences('recorded in observed-operations.json', recorded.operations, run.operations).map(say),
    ...differences('declared', declared, run.operations).map(say),
  ];
}
