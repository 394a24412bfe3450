// A scenario's resource groups, named from the run as the scenario names them: the values of the variables its front
// matter lists under `resourceGroups`, with ${HAYMAKER_RUN_SHORT} filled in. The orchestrator creates them before
// the agent runs, so a name may use nothing the orchestrator does not know.
import type { ScenarioFrontMatter } from './schema';

const RUN_SHORT = /\$\{HAYMAKER_RUN_SHORT\}|\$HAYMAKER_RUN_SHORT\b/g;
/** Resource group names: 1-90 of letters, digits, `_ ( ) - .`, not ending in a period. */
const GROUP_NAME = /^[-\w().]{0,89}[-\w()]$/;

/** Why a group variable's value cannot be computed by the orchestrator; undefined when it can. */
export function groupTemplateProblem(template: string | undefined): string | undefined {
  if (template === undefined) return 'is not a variable of the front matter';
  const rest = template.replace(RUN_SHORT, 'abcd1234');
  if (rest.includes('$'))
    return 'may use only ${HAYMAKER_RUN_SHORT}: the orchestrator names the group before the agent runs';
  if (!template.match(RUN_SHORT))
    return 'must contain ${HAYMAKER_RUN_SHORT}, so every run gets its own group';
  if (!GROUP_NAME.test(rest))
    return 'is not a valid resource group name (1-90 letters, digits, _ ( ) - ., not ending in a period)';
  return undefined;
}

/** The templates (variable values) of a scenario's resource groups, e.g. `haymaker-compute01-${HAYMAKER_RUN_SHORT}`. */
export function resourceGroupTemplates(
  frontMatter: Pick<ScenarioFrontMatter, 'resourceGroups' | 'variables'>,
): string[] {
  return frontMatter.resourceGroups.map((variable) => {
    const template = frontMatter.variables[variable];
    const problem = groupTemplateProblem(template);
    if (problem) throw new Error(`resource group variable ${variable} ${problem}`);
    return template!;
  });
}

/** A group template with the run's short name filled in. */
export function groupNameForRun(template: string, runShort: string): string {
  const problem = groupTemplateProblem(template);
  if (problem) throw new Error(`resource group name "${template}" ${problem}`);
  return template.replace(RUN_SHORT, runShort);
}

/** The scenario's resource group names for one run: what the orchestrator creates and the agent may act in. */
export function resourceGroupNames(
  frontMatter: Pick<ScenarioFrontMatter, 'resourceGroups' | 'variables'>,
  runShort: string,
): string[] {
  return resourceGroupTemplates(frontMatter).map((t) => groupNameForRun(t, runShort));
}
