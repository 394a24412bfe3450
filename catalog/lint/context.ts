// What the command rules need to know about a scenario: its variables, which derive from the run, and the
// values a run would give them (with a placeholder 8-character run short).
import {
  expandVariables,
  referencedVariables,
  type LintIssue,
  type ParsedScenario,
} from '../../core/scenario';
import { RULE_SEVERITY } from './rules';

/** Placeholder run values: the same shapes a real run has (run short = 8 lower-case letters/digits). */
export const SAMPLE_RUN = {
  runId: '3f2504e0-4f89-41d3-9a0c-0305e82c3301',
  runShort: '3f2504e0',
  subscriptionId: '00000000-0000-4000-8000-000000000000',
  location: 'eastus',
} as const;

/** Variables that identify the run: a name built from any of them is unique to the run. */
const RUN_VARIABLES = new Set(['HAYMAKER_RUN_SHORT', 'HAYMAKER_RUN_ID']);

export interface ScenarioContext {
  scenario: ParsedScenario;
  /** Front-matter variables whose value derives (directly or through earlier variables) from the run. */
  runDerived: Set<string>;
  frontMatterNames: Set<string>;
  /** Front-matter variables expanded with SAMPLE_RUN values, plus the HAYMAKER_* and AZURE_* the agent exports. */
  env: Map<string, string>;
  issue(line: number, rule: string, message: string): LintIssue;
}

export function scenarioContext(scenario: ParsedScenario): ScenarioContext {
  const env = new Map<string, string>([
    ['HAYMAKER_RUN_ID', SAMPLE_RUN.runId],
    ['HAYMAKER_RUN_SHORT', SAMPLE_RUN.runShort],
    ['HAYMAKER_SCENARIO', scenario.id],
    // A scenario that names its regions is linted in the first of them, as a run could place it there.
    ['AZURE_LOCATION', scenario.frontMatter.regions?.[0] ?? SAMPLE_RUN.location],
    ['AZURE_SUBSCRIPTION_ID', SAMPLE_RUN.subscriptionId],
  ]);
  const runDerived = new Set<string>();
  for (const [name, value] of scenario.variables) {
    const refs = referencedVariables(value);
    if (refs.some((r) => RUN_VARIABLES.has(r) || runDerived.has(r))) runDerived.add(name);
    const expanded = expandVariables(value, env);
    if (expanded !== null) env.set(name, expanded);
  }
  return {
    scenario,
    runDerived,
    frontMatterNames: new Set(scenario.variables.map(([n]) => n)),
    env,
    issue: (line, rule, message) => ({
      file: scenario.file,
      line,
      rule,
      severity: RULE_SEVERITY[rule] ?? 'error',
      message,
    }),
  };
}

/**
 * True when a value is unique to the run: it names the run variables, a run-derived front-matter variable,
 * or comes from a command substitution or a step-local variable (computed at run time, judged where set).
 * A literal, or a value built only from fixed front-matter variables, is not.
 */
export function isRunDerivedValue(text: string, ctx: ScenarioContext): boolean {
  if (text.includes('$(') || text.includes('`')) return true;
  const refs = referencedVariables(text);
  if (refs.some((r) => RUN_VARIABLES.has(r) || ctx.runDerived.has(r))) return true;
  const fixed = (r: string): boolean =>
    ctx.frontMatterNames.has(r) ||
    r.startsWith('AZURE_') ||
    r === 'HAYMAKER_SCENARIO' ||
    r === 'HAYMAKER_TAGS';
  return refs.length > 0 && !refs.every(fixed);
}
