// What an az command does: reads, reads secret material, or changes something; and the commands a step never
// runs at all (they change who az is, where it sends requests, or what code it runs).
import type { AzCall } from './parse-az';

export type AzKind = 'read' | 'secret' | 'write';

const FORBIDDEN: [string, string][] = [
  ['login', 'would change the signed-in identity (--identity would act as the agent)'],
  ['logout', 'would sign the scenario principal out'],
  ['account get-access-token', 'prints a bearer token'],
  ['account clear', 'would sign the scenario principal out'],
  ['config', "changes az's configuration (defaults, endpoints, logging)"],
  ['configure', "changes az's defaults"],
  ['extension', 'installs or removes code'],
  ['upgrade', 'installs code'],
  ['cloud', 'changes the endpoints az sends requests and tokens to'],
  ['bicep', 'installs code'],
  ['self-test', 'is not a scenario operation'],
  ['interactive', 'is not a scenario operation'],
  ['feedback', 'is not a scenario operation'],
  ['ssh', 'opens connections with keys the step does not own'],
  ['alias', 'changes what az commands mean'],
  ['init', 'is not a scenario operation'],
  ['find', 'is not a scenario operation'],
  ['survey', 'is not a scenario operation'],
  [
    'ad sp create-for-rbac',
    'creates credentials and role assignments in one step; create the app and assign a role separately',
  ],
  ['ad app permission admin-consent', 'grants tenant-wide consent'],
  ['ad app permission grant', 'grants tenant-wide consent'],
  ['deployment', 'an ARM template can deploy to any resource group; create resources with az commands'],
  ['stack', 'deployment stacks can deploy to any resource group'],
];

export function forbiddenReason(path: string[]): string | undefined {
  const joined = path.join(' ');
  for (const [prefix, reason] of FORBIDDEN)
    if (joined === prefix || joined.startsWith(`${prefix} `)) return `"az ${prefix}" ${reason}`;
  return undefined;
}

const READ_VERBS = new Set([
  'show',
  'list',
  'exists',
  'wait',
  'get-instance-view',
  'summarize',
  'query',
  'check-name',
  'check-name-availability',
  'get-upgrades',
  'list-events',
  'show-tags',
  'show-usage',
  'list-usage',
  'version',
]);
const SECRET_WORDS = new Set([
  'keys',
  'key',
  'credential',
  'credentials',
  'secret',
  'admin-key',
  'query-key',
  'connection-string',
  'appsettings',
  'sas',
]);
const SECRET_VERBS =
  /^(list-keys|get-credentials|list-connection-strings|show-connection-string|list-secrets|generate-sas|list-publishing-profiles|list-publishing-credentials|download|backup|get-access-token)$/;

export function classify(call: AzCall): AzKind {
  const verb = call.path[call.path.length - 1] ?? '';
  if (SECRET_VERBS.test(verb)) return 'secret';
  const readish = READ_VERBS.has(verb) || /^(show|list|get)-/.test(verb);
  if (readish && call.path.slice(0, -1).some((p) => SECRET_WORDS.has(p))) return 'secret';
  if (readish) return 'read';
  return 'write';
}

export const isDelete = (call: AzCall): boolean =>
  ['delete', 'purge', 'remove', 'delete-all', 'force-delete'].includes(call.path[call.path.length - 1] ?? '');
