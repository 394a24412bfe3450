// `create` commands of taggable resources get the HayMaker tags when they lack them, so the cleanup check can
// find what a run made; a step may not set HayMaker's own tag keys to other values (a tag never makes a
// resource HayMaker's, but a wrong ExecutionId would confuse the report).
import {
  TAG_CREATED_AT,
  TAG_EXECUTION_ID,
  TAG_EXPIRES_AT,
  TAG_MANAGED,
  TAG_OWNER,
  TAG_SCENARIO,
} from '../../tags';
import { POLICY_RULES, refuse, type Insertion, type PolicyContext, type Refusal } from '../types';
import { allValues, type AzCall } from './parse-az';

// A wrong `--tags` breaks the step (`unrecognized arguments`), while a missed one leaves a child resource
// untagged inside the run's tagged resource group — so tags are injected only where the command is
// known to take them: top-level resource groups of depth one or two, plus an allowlist of deeper ones.

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
  // az acr scope-map/token create take no --tags (azure-cli 2.45 help); an injected one fails the step.
  'acr scope-map',
  'acr token',
  // az resource create takes no --tags (azure-cli resource/custom.py create_resource: properties, location,
  // is_full_object, api-version and the resource's id parts); a full object (--is-full-object) carries its own tags.
  'resource',
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

function needsTags(call: AzCall): boolean {
  if (call.path[call.path.length - 1] !== 'create' || call.path.length < 2) return false;
  const group = call.path.slice(0, -1).join(' ');
  if (UNTAGGABLE_PREFIXES.some((p) => group === p || group.startsWith(`${p} `))) return false;
  const depth = call.path.length - 1;
  if (depth >= 3) return DEEP_TAGGABLE.has(group);
  if (
    depth === 2 &&
    !TOP_LEVEL_WITH_PARENT_FLAGS.has(group) &&
    PARENT_FLAGS.some((f) => call.options.some((o) => o.written === f))
  )
    return false;
  return true;
}

const HAYMAKER_KEYS = [
  TAG_MANAGED,
  TAG_SCENARIO,
  TAG_OWNER,
  TAG_EXECUTION_ID,
  TAG_CREATED_AT,
  TAG_EXPIRES_AT,
].map((k) => k.toLowerCase());

function tagWords(ctx: PolicyContext): string {
  const entries = Object.entries(ctx.tags);
  if (entries.length === 0) return '$HAYMAKER_TAGS';
  return entries
    .map(([k, v]) =>
      /^[A-Za-z0-9_.:=+\-/@]+$/.test(`${k}=${v}`) ? `${k}=${v}` : `'${`${k}=${v}`.replace(/'/g, "'\\''")}'`,
    )
    .join(' ');
}

/** The HayMaker tag values this run uses (from the context, else from the step's $HAYMAKER_TAGS). */
function expectedTags(ctx: PolicyContext): Map<string, string> {
  const source =
    Object.keys(ctx.tags).length > 0
      ? Object.entries(ctx.tags)
      : (ctx.env?.HAYMAKER_TAGS ?? '')
          .split(/\s+/)
          .filter(Boolean)
          .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)] as [string, string]);
  const out = new Map(source.map(([k, v]) => [k.toLowerCase(), v]));
  out.set(TAG_MANAGED.toLowerCase(), 'true');
  out.set(TAG_EXECUTION_ID.toLowerCase(), ctx.runId);
  return out;
}

/** Refuses HayMaker tag keys set to values other than this run's, in --tags or --set tags.X=…. */
export function foreignTagKeys(call: AzCall, ctx: PolicyContext): Refusal | undefined {
  const expected = expectedTags(ctx);
  const pairs = [
    ...allValues(call, '--tags'),
    ...allValues(call, '--set', '--add').filter((f) => f.kind !== 'text' || /^tags[.[]/i.test(f.text)),
  ];
  for (const f of pairs) {
    if (f.kind !== 'text')
      return refuse(POLICY_RULES.tagsForeign, `a tag is decided at run time (${f.why}); write tags out`);
    const m = /^(?:tags[.[]['"]?)?([^=\]'"]*)['"]?\]?=(.*)$/i.exec(f.text);
    if (!m) continue;
    const key = m[1]!.toLowerCase();
    if (!HAYMAKER_KEYS.includes(key)) continue;
    const want = expected.get(key);
    if (want !== undefined && want !== m[2])
      return refuse(
        POLICY_RULES.tagsForeign,
        `tag ${m[1]}=${m[2]}: HayMaker's tag keys carry this run's values only (${m[1]}=${want})`,
      );
  }
  return undefined;
}

/** Insertions that add the HayMaker tags to a create that lacks them (into its last --tags: az keeps the last). */
export function tagInsertions(call: AzCall, ctx: PolicyContext): Insertion[] {
  if (!needsTags(call)) return [];
  const occurrences = call.options.filter((o) => o.names.includes('--tags'));
  const last = occurrences[occurrences.length - 1];
  if (!last) return [{ offset: call.end, text: ` --tags ${tagWords(ctx)}` }];
  const carries = last.values.some(
    (v) => v.kind === 'text' && v.text.toLowerCase() === `${TAG_MANAGED.toLowerCase()}=true`,
  );
  return carries ? [] : [{ offset: last.end, text: ` ${tagWords(ctx)}` }];
}
