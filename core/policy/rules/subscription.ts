// Every command stays in the run's subscription: explicit --subscription values and any
// `/subscriptions/<id>` in an argument must name it.
import { optionValues, type AzCommand } from '../az-command';
import { hasUnresolvedReference } from '../expand';
import { POLICY_RULES, type PolicyContext, type RuleOutcome } from '../types';

export function checkSubscription(cmd: AzCommand, ctx: PolicyContext): RuleOutcome {
  const pinned = ctx.subscriptionId.toLowerCase();
  const explicit = [
    ...optionValues(cmd, '--subscription'),
    ...(cmd.path[0] === 'account' && cmd.path[1] === 'set' ? optionValues(cmd, '-s', '--name', '-n') : []),
  ];
  for (const value of explicit) {
    if (value.toLowerCase() !== pinned) {
      const why = hasUnresolvedReference(value) ? 'cannot be resolved to' : 'is not';
      return refuse(`--subscription "${value}" ${why} the run's subscription ${ctx.subscriptionId}`);
    }
  }
  for (const arg of cmd.args) {
    for (const match of arg.matchAll(/\/subscriptions\/([^/\s"'?]+)/gi)) {
      const id = match[1];
      if (id.toLowerCase() !== pinned && !hasUnresolvedReference(id))
        return refuse(`"${arg}" names subscription ${id}, not the run's subscription ${ctx.subscriptionId}`);
    }
  }
  if (cmd.path[0] === 'login' || cmd.path[0] === 'logout')
    return refuse(
      `"az ${cmd.path[0]}" would change the signed-in identity; the agent signs in once before the first step`,
    );
  return undefined;
}

function refuse(reason: string): RuleOutcome {
  return { refuse: { rule: POLICY_RULES.subscriptionPinned, reason } };
}
