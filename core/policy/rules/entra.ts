// Entra ID changes (delete, update, credentials, owners, permissions, membership) only to objects this
// run created or named with its short name. Creating new objects is allowed.
import { optionValues, type AzCommand } from '../az-command';
import { mentionsRun } from '../ownership';
import { POLICY_RULES, type PolicyContext, type RuleOutcome } from '../types';

const READ_VERBS = new Set([
  'list',
  'show',
  'wait',
  'get-member-groups',
  'check-member-groups',
  'member-list',
  'owned-objects',
]);
const TOP_LEVEL_CREATES = new Set(['create', 'create-for-rbac']);

export function checkEntra(cmd: AzCommand, ctx: PolicyContext): RuleOutcome {
  if (cmd.path[0] === 'rest') {
    const method = (optionValues(cmd, '--method', '-m')[0] ?? 'get').toLowerCase();
    const url = optionValues(cmd, '--url', '--uri', '-u').join(' ');
    if (/graph\.microsoft\.com|\/v1\.0\/|\/beta\//i.test(url) && method !== 'get' && !mentionsRun(url, ctx)) {
      return refuse(
        `Microsoft Graph ${method.toUpperCase()} ${url} does not target an object this run created`,
      );
    }
    return undefined;
  }
  if (cmd.path[0] !== 'ad' || cmd.path.length < 3) return undefined;
  const [, kind, ...rest] = cmd.path;
  if (kind === 'signed-in-user') return undefined;
  const verb = rest[rest.length - 1];
  if (rest.length === 1 && (READ_VERBS.has(verb) || TOP_LEVEL_CREATES.has(verb))) return undefined;
  if (rest.length > 1 && READ_VERBS.has(verb) && !rest.includes('credential')) return undefined;
  const targets = optionValues(
    cmd,
    '--id',
    '--group',
    '-g',
    '--app-id',
    '--display-name',
    '--object-id',
    '--upn-or-object-id',
  );
  if (targets.length > 0 && targets.every((t) => mentionsRun(t, ctx))) return undefined;
  const shown = targets.length > 0 ? targets.join(', ') : '(no --id given)';
  return refuse(
    `"az ad ${kind} ${rest.join(' ')}" on ${shown}: Entra changes are allowed only on objects this run created or named with "${ctx.runShort}"`,
  );
}

function refuse(reason: string): RuleOutcome {
  return { refuse: { rule: POLICY_RULES.entraRunObjects, reason } };
}
