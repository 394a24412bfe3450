// Changes (and reads of secret material) only on what this run owns: every resource id, resource group or
// (without either) name the command acts on must be the run's. Every other resource id it mentions must at
// least stay in the run's subscription and, when it names a resource group, in one of the run's.
import { POLICY_RULES, refuse, type PolicyContext, type Refusal } from '../types';
import { isDelete, type AzKind } from './classify';
import { armIdProblem, groupProblem, nameProblem, parseArmId } from './ownership';
import { allValues, fieldText, type AzCall } from './parse-az';

/** Command groups whose --scope is the thing changed (elsewhere --scope is a parameter, e.g. an alert's scope). */
const SCOPE_IS_TARGET = [
  'role',
  'policy',
  'lock',
  'tag',
  'resource',
  'monitor diagnostic-settings',
  'security',
];
const NAME_OPTIONS = /^--([a-z-]*-)?name$/;

function ruleFor(call: AzCall, kind: AzKind): (typeof POLICY_RULES)[keyof typeof POLICY_RULES] {
  if (kind === 'secret') return POLICY_RULES.secretsRunOwned;
  return isDelete(call) ? POLICY_RULES.deleteRunOwned : POLICY_RULES.writeRunOwned;
}

function vaultUrlProblem(value: string, ctx: PolicyContext): string | undefined {
  const m = /^https:\/\/([^./]+)\.vault\.azure\.net\//i.exec(value);
  if (!m) return undefined;
  return nameProblem({ kind: 'text', text: m[1]!, end: 0 }, ctx);
}

export function judgeTargets(call: AzCall, kind: AzKind, ctx: PolicyContext): Refusal | undefined {
  const rule = ruleFor(call, kind);
  const what = `"az ${call.path.join(' ')}"`;
  const fail = (problem: string): Refusal =>
    refuse(
      rule,
      `${what} ${kind === 'secret' ? 'reads secret material' : 'changes something'} that is not this run's: ${problem}`,
    );

  const group = call.path.join(' ');
  const scopeIsTarget = SCOPE_IS_TARGET.some((p) => group === p || group.startsWith(`${p} `));
  const idFields = [
    ...allValues(call, '--ids', '--resource-id'),
    ...allValues(call, '--id', '--resource').filter((f) => f.kind === 'dynamic' || f.text.startsWith('/')),
    ...(scopeIsTarget ? allValues(call, '--scope', '--scopes') : []),
  ];
  for (const f of idFields) {
    const problem = armIdProblem(f, ctx);
    if (problem) return fail(problem);
  }
  for (const f of allValues(call, '--id')) {
    const problem = f.kind === 'text' ? vaultUrlProblem(f.text, ctx) : undefined;
    if (problem) return fail(problem);
  }
  const groups =
    call.path[0] === 'group'
      ? allValues(call, '--resource-group', '--name')
      : allValues(call, '--resource-group');
  for (const f of groups) {
    const problem = groupProblem(f, ctx);
    if (problem) return fail(problem);
  }
  // Every other resource id the command is given stays inside the run's resource groups.
  for (const option of call.options) {
    for (const f of option.values) {
      if (f.kind !== 'text') continue;
      for (const candidate of f.text.split(/[\s,]+/)) {
        const id = parseArmId(candidate);
        if (id?.resourceGroup !== undefined) {
          const problem = armIdProblem({ kind: 'text', text: candidate, end: 0 }, ctx);
          if (problem) return fail(`${option.written} ${problem}`);
        }
      }
    }
  }
  if (idFields.length > 0 || groups.length > 0) return undefined;
  // No resource group and no id: an object named by its own name, or a child named under a parent
  // (`--vault-name`, `--account-name`): then the parent is what must be the run's.
  const parents = call.options
    .filter((o) => o.names.some((n) => NAME_OPTIONS.test(n) && n !== '--name'))
    .flatMap((o) => o.values);
  const names = parents.length > 0 ? parents : allValues(call, '--name');
  if (names.length === 0)
    return fail('it names no resource group, id or name, so it acts on the subscription (or az defaults)');
  for (const f of names) {
    const problem = nameProblem(f, ctx);
    if (problem) return fail(problem);
  }
  return undefined;
}

export const describe = fieldText;
