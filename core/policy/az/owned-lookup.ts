// `X=$(az identity show -n "$ID" -g "$RG" --query principalId -o tsv)`: the value is the id of something this
// run owns, because the lookup names a run-owned target and selects only its identifying field.
import type { PolicyContext } from '../types';
import { classify } from './classify';
import { armIdProblem, groupProblem, nameProblem } from './ownership';
import { allValues, effectiveValues, hasOption, type AzCall } from './parse-az';

const IDENTIFYING_QUERY =
  /^(\[(\d+|\*)?\]\.)?(id|appId|principalId|objectId|clientId|identity\.principalId)$/;

function targetOwned(call: AzCall, ctx: PolicyContext): boolean {
  if (call.path[0] === 'ad') {
    if (hasOption(call, '--filter', '--all')) return false;
    const keys = allValues(call, '--display-name', '--id');
    return keys.length > 0 && keys.every((f) => nameProblem(f, ctx) === undefined);
  }
  const ids = allValues(call, '--ids', '--scope', '--resource-id');
  if (ids.length > 0) return ids.every((f) => armIdProblem(f, ctx) === undefined);
  const groups =
    call.path[0] === 'group'
      ? allValues(call, '--resource-group', '--name')
      : allValues(call, '--resource-group');
  return groups.length > 0 && groups.every((f) => groupProblem(f, ctx) === undefined);
}

export function isOwnedLookup(call: AzCall, ctx: PolicyContext): boolean {
  const verb = call.path[call.path.length - 1] ?? '';
  if (classify(call) !== 'read' && verb !== 'create') return false;
  const query = effectiveValues(call, '--query');
  if (!query || query.length !== 1 || query[0]!.kind !== 'text' || !IDENTIFYING_QUERY.test(query[0]!.text))
    return false;
  return targetOwned(call, ctx);
}
