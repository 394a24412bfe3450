// What a step's az commands do, for events: whether it creates anything and which resources it deletes.
import { commandView, expandVariables, isDeleteCommand, parseAz, splitCommands } from '../../core/policy';

export interface StepEffects {
  creates: boolean;
  createsEntraObjects: boolean;
  /** ARM ids the step deletes, when they can be named (`--ids`, `az group delete --name`). */
  deletes: string[];
  hasDelete: boolean;
}

function collect(
  text: string,
  env: Record<string, string>,
  subscriptionId: string,
  into: StepEffects,
  depth: number,
): void {
  if (depth > 3) return;
  const split = splitCommands(text);
  for (const sub of split.substitutions) collect(sub.text, env, subscriptionId, into, depth + 1);
  for (const command of split.commands) {
    const view = commandView(command);
    if (view.argv[0]?.value !== 'az') continue;
    const az = parseAz(view.argv, (v) => expandVariables(v, env));
    const verb = az.path[az.path.length - 1];
    if (verb === 'create' || verb === 'create-for-rbac') {
      if (az.path[0] === 'ad') into.createsEntraObjects = true;
      else into.creates = true;
    }
    if (!isDeleteCommand(az)) continue;
    into.hasDelete = true;
    for (const id of [...(az.options.get('--ids') ?? []), ...(az.options.get('--id') ?? [])]) {
      if (id.startsWith('/subscriptions/')) into.deletes.push(id);
    }
    if (az.path[0] === 'group' && az.path.length === 2) {
      for (const name of [...(az.options.get('--name') ?? []), ...(az.options.get('-n') ?? [])]) {
        if (!name.includes('$')) into.deletes.push(`/subscriptions/${subscriptionId}/resourceGroups/${name}`);
      }
    }
  }
}

export function stepEffects(code: string, env: Record<string, string>, subscriptionId: string): StepEffects {
  const effects: StepEffects = { creates: false, createsEntraObjects: false, deletes: [], hasDelete: false };
  collect(code, env, subscriptionId, effects, 0);
  return effects;
}
