// `create` commands of taggable resources get the HayMaker tags when they lack them, so the janitor and
// the cleanup check can always find what a run made.
import { optionValues, type AzCommand } from '../az-command';
import type { Insertion, PolicyContext, RuleOutcome } from '../types';
import { TAG_MANAGED } from '../../tags';

// A wrong `--tags` breaks the step (`unrecognized arguments`), while a missed one leaves a child resource
// untagged inside the run's tagged resource group — so tags are injected only where the command is
// known to take them: top-level resource groups of depth one or two, plus an allowlist of deeper ones.

/** Groups whose `create` makes a child or non-ARM object without `--tags`. */
const UNTAGGABLE_PREFIXES = [
  'ad',
  'role',
  'storage container',
  'storage container-rm',
  'storage blob',
  'storage share',
  'storage share-rm',
  'storage queue',
  'storage table',
  'storage fs',
  'storage directory',
  'storage file',
  'keyvault secret',
  'keyvault key',
  'keyvault certificate',
  'cosmosdb sql',
  'cosmosdb mongodb',
  'cosmosdb table',
  'cosmosdb cassandra',
  'cosmosdb gremlin',
  'servicebus queue',
  'servicebus topic',
  'eventhubs eventhub',
  'eventhubs consumer-group',
  'deployment',
  'lock',
  'policy',
  'monitor diagnostic-settings',
  'webapp config',
  'webapp deployment',
  'functionapp config',
  'functionapp deployment',
  'aks nodepool',
  'acr repository',
  'containerapp revision',
  'apim api',
  'sig image-version',
  'sig image-definition',
  'relay hyco',
  'relay wcfrelay',
  'identity federated-credential',
  'sql server',
  'tag',
];

/** Groups nested deeper than two words that do take `--tags`. */
const DEEP_TAGGABLE = new Set([
  'monitor log-analytics workspace',
  'network nat gateway',
  'network private-dns zone',
  'network application-gateway waf-policy',
  'network vnet-gateway',
  'network dns zone',
  'network ddos-protection',
  'monitor app-insights component',
  'monitor log-analytics cluster',
  'network front-door waf-policy',
  'servicebus namespace',
  'eventhubs namespace',
  'relay namespace',
]);

/** Parent-naming flags: on a two-word group they mean a child object (`relay hyco --namespace-name`). */
const PARENT_FLAGS = [
  '--namespace-name',
  '--server-name',
  '--server',
  '--account-name',
  '--storage-account',
  '--workspace-name',
  '--identity-name',
  '--endpoint-name',
  '--nsg-name',
  '--lb-name',
  '--vault-name',
  '--cluster-name',
  '--gateway-name',
  '--profile-name',
  '--zone-name',
  '--factory-name',
];

/** Top-level resources that take a parent-looking flag and still accept `--tags`. */
const TOP_LEVEL_WITH_PARENT_FLAGS = new Set([
  'vm',
  'vmss',
  'webapp',
  'functionapp',
  'sql db',
  'network nic',
  'network private-endpoint',
  'network bastion',
  'network application-gateway',
  'containerapp',
  'aks',
  'postgres flexible-server',
  'mysql flexible-server',
  'cognitiveservices account',
  'storage account',
]);

function needsTags(cmd: AzCommand): boolean {
  if (cmd.path[cmd.path.length - 1] !== 'create' || cmd.path.length < 2) return false;
  const group = cmd.path.slice(0, -1).join(' ');
  if (UNTAGGABLE_PREFIXES.some((p) => group === p || group.startsWith(`${p} `))) return false;
  const depth = cmd.path.length - 1;
  if (depth >= 3) return DEEP_TAGGABLE.has(group);
  if (depth === 2 && !TOP_LEVEL_WITH_PARENT_FLAGS.has(group) && PARENT_FLAGS.some((f) => cmd.options.has(f)))
    return false;
  return true;
}

function tagWords(ctx: PolicyContext): string {
  const entries = Object.entries(ctx.tags);
  if (entries.length === 0) return '$HAYMAKER_TAGS';
  return entries
    .map(([k, v]) =>
      /^[A-Za-z0-9_.:=+\-/@]+$/.test(`${k}=${v}`) ? `${k}=${v}` : `'${`${k}=${v}`.replace(/'/g, "'\\''")}'`,
    )
    .join(' ');
}

export function checkTags(cmd: AzCommand, ctx: PolicyContext, base: number): RuleOutcome {
  if (!needsTags(cmd)) return undefined;
  const word = cmd.optionWords.get('--tags');
  if (!word) return { insert: [{ offset: base + cmd.lastWord.end, text: ` --tags ${tagWords(ctx)}` }] };
  const values = optionValues(cmd, '--tags');
  const carriesHayMaker = values.some(
    (v) =>
      v.includes('$HAYMAKER_TAGS') || v.includes('${HAYMAKER_TAGS}') || v.includes(`${TAG_MANAGED}=true`),
  );
  if (carriesHayMaker) return undefined;
  const insertion: Insertion = { offset: base + word.end, text: ` ${tagWords(ctx)}` };
  return { insert: [insertion] };
}
