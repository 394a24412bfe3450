// Expected operations (issue 18): an enabled scenario declares the control-plane operations it must produce, and the
// declaration must equal what a sandbox run of it produced (the folder's observed-operations.json). Folders without
// an observation file (a user's own scenarios, never run in the sandbox) are not judged.
import path from 'node:path';
import { hayCoverage } from '../../contract/hay-coverage';
import type { LintIssue, ParsedScenario } from '../../core/scenario';
import { readObservedOperations, type ObservedOperations } from '../operations/observed';
import { RULE_SEVERITY } from './rules';

const REGENERATE = 'npm run observe:operations -- --declare';

function issue(scenario: ParsedScenario, rule: string, message: string): LintIssue {
  const line = scenario.fieldLines.operations ?? scenario.fieldLines.enabled ?? 1;
  return { file: scenario.file, line, rule, severity: RULE_SEVERITY[rule] ?? 'error', message };
}

export function checkOperations(scenario: ParsedScenario, observed: ObservedOperations): LintIssue[] {
  if (!scenario.frontMatter.enabled) return [];
  const seen = observed.scenarios[scenario.id];
  if (!seen)
    return [
      issue(
        scenario,
        'operations-unobserved',
        `no sandbox run of this scenario is recorded in observed-operations.json: run ${REGENERATE} ${scenario.id}`,
      ),
    ];
  if ('refused' in seen)
    return [
      issue(
        scenario,
        'operations-unverifiable',
        'the sandbox refuses this scenario at selection (see grant-refused), so its operations cannot be observed',
      ),
    ];
  const declared = scenario.frontMatter.operations;
  if (declared.length === 0)
    return [
      issue(
        scenario,
        'operations-undeclared',
        `operations is empty; a sandbox run produced ${seen.operations.length}: ${seen.operations.join(', ')}`,
      ),
    ];
  const coverage = hayCoverage(declared, seen.operations);
  const problems = [
    ...(coverage.missing.length
      ? [`declared but never seen in the sandbox: ${coverage.missing.join(', ')}`]
      : []),
    ...(coverage.unexpected.length
      ? [`seen in the sandbox but not declared: ${coverage.unexpected.join(', ')}`]
      : []),
  ];
  return problems.length
    ? [issue(scenario, 'operations-mismatch', `${problems.join('; ')} (run ${REGENERATE} ${scenario.id})`)]
    : [];
}

/** The operation rules for every scenario, each judged by the observation file of its own folder. */
export function checkCatalogOperations(scenarios: readonly ParsedScenario[]): LintIssue[] {
  const byDir = new Map<string, ObservedOperations | undefined>();
  return scenarios.flatMap((scenario) => {
    const dir = path.dirname(path.resolve(scenario.file));
    if (!byDir.has(dir)) byDir.set(dir, readObservedOperations(dir));
    const observed = byDir.get(dir);
    return observed ? checkOperations(scenario, observed) : [];
  });
}
