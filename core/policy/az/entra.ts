// Entra ID: reads and creating new objects are allowed; every other change (delete, update, credentials,
// owners, members, federated credentials) only on objects of this run: named with its short id, or the id
// returned by a lookup of such an object in the same step.
import { POLICY_RULES, refuse, type PolicyContext, type Refusal } from '../types';
import { nameProblem } from './ownership';
import { allValues, type AzCall } from './parse-az';

const READ_VERBS = new Set([
  'list',
  'show',
  'get-member-groups',
  'check-member-groups',
  'member-list',
  'owned-objects',
  'list-owners',
]);
const CREATES = new Set(['app create', 'group create', 'user create']);

export function judgeEntra(call: AzCall, ctx: PolicyContext): Refusal | undefined {
  const [, kind, ...rest] = call.path;
  if (kind === 'signed-in-user') return undefined;
  const verb = rest[rest.length - 1] ?? '';
  if (READ_VERBS.has(verb) && !rest.includes('credential')) return undefined;
  if (CREATES.has(`${kind} ${rest.join(' ')}`)) return undefined;
  const targets = allValues(
    call,
    '--id',
    '--group',
    '--app-id',
    '--object-id',
    '--upn-or-object-id',
    '--display-name',
  );
  if (targets.length === 0)
    return refuse(
      POLICY_RULES.entraRunObjects,
      `"az ad ${kind} ${rest.join(' ')}" names no object (--id); Entra changes are allowed only on objects this run created`,
    );
  for (const t of targets) {
    const problem = nameProblem(t, ctx);
    if (problem)
      return refuse(
        POLICY_RULES.entraRunObjects,
        `"az ad ${kind} ${rest.join(' ')}": ${problem}; Entra changes are allowed only on objects this run created`,
      );
  }
  return undefined;
}
