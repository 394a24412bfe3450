// What a step's az commands do, for events: whether it creates anything and which resources it deletes. The
// calls come from the policy's walk, so they are the arguments az will really see.
import { isDelete, type AzCall } from '../../core/policy';

export interface StepEffects {
  creates: boolean;
  createsEntraObjects: boolean;
  /** ARM ids the step deletes, when they can be named (`--ids`, `az group delete --name`). */
  deletes: string[];
  hasDelete: boolean;
}

const texts = (call: AzCall, ...names: string[]): string[] =>
  call.options
    .filter((o) => o.names.some((n) => names.includes(n)))
    .flatMap((o) => o.values)
    .flatMap((f) => (f.kind === 'text' ? [f.text] : []));

export function stepEffects(calls: AzCall[], subscriptionId: string): StepEffects {
  const effects: StepEffects = { creates: false, createsEntraObjects: false, deletes: [], hasDelete: false };
  for (const call of calls) {
    const verb = call.path[call.path.length - 1];
    if (verb === 'create') {
      if (call.path[0] === 'ad') effects.createsEntraObjects = true;
      else effects.creates = true;
    }
    if (!isDelete(call) || call.path[0] === 'ad') continue;
    effects.hasDelete = true;
    for (const id of texts(call, '--ids', '--id'))
      if (id.startsWith('/subscriptions/')) effects.deletes.push(id);
    if (call.path[0] === 'group' && call.path.length === 2)
      for (const name of texts(call, '--name', '--resource-group'))
        effects.deletes.push(`/subscriptions/${subscriptionId}/resourceGroups/${name}`);
  }
  return effects;
}
