// Every step must pass the agent's command policy (core/policy) as the agent will run it, or the agent would
// refuse the step at run time.
import { checkScript, type PolicyContext } from '../../core/policy';
import { PHASES, type LintIssue } from '../../core/scenario';
import { resourceGroupNames } from '../../core/scenario/resource-groups';
import { SAMPLE_RUN, type ScenarioContext } from './context';

function lineOfCommand(code: string, command: string): number {
  const at = code.indexOf(command);
  if (at < 0) return 0;
  let line = 0;
  for (let i = 0; i < at; i++) if (code[i] === '\n') line++;
  return line;
}

export function checkPolicy(ctx: ScenarioContext): LintIssue[] {
  const policyContext: PolicyContext = {
    runId: SAMPLE_RUN.runId,
    runShort: SAMPLE_RUN.runShort,
    subscriptionId: SAMPLE_RUN.subscriptionId,
    tags: {},
    env: Object.fromEntries(ctx.env),
    // As the agent judges: only the scenario's own groups (the front matter already passed its group checks).
    resourceGroups: resourceGroupNames(ctx.scenario.frontMatter, SAMPLE_RUN.runShort),
  };
  const issues: LintIssue[] = [];
  for (const phase of PHASES) {
    for (const step of ctx.scenario.phases[phase]) {
      for (const block of step.blocks) {
        for (const verdict of checkScript(block.code, policyContext).verdicts) {
          if (verdict.allowed) continue;
          const line = block.line + 1 + lineOfCommand(block.code, verdict.command);
          issues.push(
            ctx.issue(
              line,
              'policy-refused',
              `the agent's command policy refuses this command (${verdict.rule}): ${verdict.reason ?? 'no reason given'}`,
            ),
          );
        }
      }
    }
  }
  return issues;
}
