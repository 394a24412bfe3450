// `create` commands of taggable resources get the HayMaker tags when they lack them, so the janitor and
// the cleanup check can always find what a run made.
import { optionValues, type AzCommand } from '../az-command';
import type { Insertion, PolicyContext, RuleOutcome } from '../types';
import { TAG_MANAGED } from '../../tags';

/** Command groups whose `create` makes a child object or a non-ARM object without `--tags`. */
const UNTAGGABLE_PREFIXES = [
  'ad', 'role', 'storage container', 'storage blob', 'storage share', 'storage queue', 'storage table', 'storage fs',
  'storage directory', 'storage file', 'keyvault secret', 'keyvault key', 'keyvault certificate', 'network vnet subnet',
  'network nsg rule', 'network lb rule', 'network lb probe', 'network lb address-pool', 'network dns record-set',
  'network private-dns record-set', 'network private-dns link', 'cosmosdb sql', 'cosmosdb mongodb', 'cosmosdb table',
  'cosmosdb cassandra', 'cosmosdb gremlin', 'sql db', 'sql server firewall-rule', 'postgres flexible-server db',
  'postgres flexible-server firewall-rule', 'mysql flexible-server db', 'mysql flexible-server firewall-rule',
  'servicebus queue', 'servicebus topic', 'eventhubs eventhub', 'deployment', 'lock', 'policy', 'monitor diagnostic-settings',
  'webapp config', 'webapp deployment', 'functionapp config', 'functionapp deployment', 'aks nodepool', 'acr repository',
  'containerapp revision', 'apim api', 'sig image-version',
];

function needsTags(cmd: AzCommand): boolean {
  if (cmd.path[cmd.path.length - 1] !== 'create' || cmd.path.length < 2) return false;
  const group = cmd.path.slice(0, -1).join(' ');
  return !UNTAGGABLE_PREFIXES.some((p) => group === p || group.startsWith(`${p} `));
}

function tagWords(ctx: PolicyContext): string {
  const entries = Object.entries(ctx.tags);
  if (entries.length === 0) return '$HAYMAKER_TAGS';
  return entries.map(([k, v]) => (/^[A-Za-z0-9_.:=+\-/@]+$/.test(`${k}=${v}`) ? `${k}=${v}` : `'${`${k}=${v}`.replace(/'/g, "'\\''")}'`)).join(' ');
}

export function checkTags(cmd: AzCommand, ctx: PolicyContext, base: number): RuleOutcome {
  if (!needsTags(cmd)) return undefined;
  const word = cmd.optionWords.get('--tags');
  if (!word) return { insert: [{ offset: base + cmd.lastWord.end, text: ` --tags ${tagWords(ctx)}` }] };
  const values = optionValues(cmd, '--tags');
  const carriesHayMaker = values.some((v) => v.includes('$HAYMAKER_TAGS') || v.includes('${HAYMAKER_TAGS}') || v.includes(`${TAG_MANAGED}=true`));
  if (carriesHayMaker) return undefined;
  const insertion: Insertion = { offset: base + word.end, text: ` ${tagWords(ctx)}` };
  return { insert: [insertion] };
}
