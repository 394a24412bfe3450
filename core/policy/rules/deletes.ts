// Deletes only of what this run owns: a name, resource group or id that carries the run's short name
// or an id the run created. Anything the policy cannot tie to the run is refused.
import { optionValues, type AzCommand } from '../az-command';
import { identifyingValues, mentionsRun, targetsRunOwned } from '../ownership';
import { POLICY_RULES, type PolicyContext, type RuleOutcome } from '../types';

const DELETE_VERBS = new Set(['delete', 'purge', 'remove', 'delete-all', 'force-delete']);

export function isDeleteCommand(cmd: AzCommand): boolean {
  if (cmd.path[0] === 'rest')
    return (optionValues(cmd, '--method', '-m')[0] ?? '').toLowerCase() === 'delete';
  return cmd.path[0] !== 'ad' && DELETE_VERBS.has(cmd.path[cmd.path.length - 1] ?? '');
}

export function checkDeletes(cmd: AzCommand, ctx: PolicyContext): RuleOutcome {
  if (!isDeleteCommand(cmd)) return undefined;
  const targets =
    cmd.path[0] === 'rest' ? optionValues(cmd, '--url', '--uri', '-u') : identifyingValues(cmd.options);
  const owned =
    cmd.path[0] === 'rest'
      ? targets.length > 0 && targets.every((t) => mentionsRun(t, ctx))
      : targetsRunOwned(cmd.options, ctx);
  if (owned) return undefined;
  const shown = targets.length > 0 ? targets.join(', ') : '(no target named)';
  return {
    refuse: {
      rule: POLICY_RULES.deleteRunOwned,
      reason: `"az ${cmd.path.join(' ')}" on ${shown}: deletes are allowed only for resources this run created (names with "${ctx.runShort}", or ids it recorded)`,
    },
  };
}
