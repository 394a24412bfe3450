// Reading secret material (vault secrets, keys, connection strings, tokens) only from resources this
// run created; everything else in the tenant is none of a scenario's business.
import { optionValues, type AzCommand } from '../az-command';
import { identifyingValues, targetsRunOwned } from '../ownership';
import { POLICY_RULES, type PolicyContext, type RuleOutcome } from '../types';

const SECRET_VERBS = new Set([
  'list-keys',
  'show-connection-string',
  'list-connection-strings',
  'list-publishing-profiles',
  'list-publishing-credentials',
  'get-credentials',
  'generate-sas',
  'list-secrets',
  'keys',
]);

function touchesSecretMaterial(path: string[]): boolean {
  if (path[0] === 'keyvault' && ['secret', 'key', 'certificate'].includes(path[1] ?? '')) return true;
  if (path.includes('keys') || path.includes('credential') || path.includes('credentials')) return true;
  return path.some((p) => SECRET_VERBS.has(p));
}

export function checkSecrets(cmd: AzCommand, ctx: PolicyContext): RuleOutcome {
  if (cmd.path[0] === 'account' && cmd.path[1] === 'get-access-token') {
    return refuse('"az account get-access-token" would print a bearer token; scenario steps never need one');
  }
  if (cmd.path[0] === 'ad' || !touchesSecretMaterial(cmd.path)) return undefined;
  const targets = [...identifyingValues(cmd.options), ...optionValues(cmd, '--vault-name', '--id')];
  if (targetsRunOwned(cmd.options, ctx)) return undefined;
  const shown = targets.length > 0 ? targets.join(', ') : '(no vault or account named)';
  return refuse(
    `"az ${cmd.path.join(' ')}" on ${shown}: secrets and keys may be read only from vaults and accounts this run created`,
  );
}

function refuse(reason: string): RuleOutcome {
  return { refuse: { rule: POLICY_RULES.secretsRunOwned, reason } };
}
