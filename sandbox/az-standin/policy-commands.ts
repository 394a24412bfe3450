// `az policy assignment create|show|list|delete` → ARM policy assignments (PolicyAssignments_* at the scope;
// api-version from specification/resources/resource-manager/Microsoft.Authorization/stable/2023-04-01/
// policyAssignments.json). `--policy` is a definition id, or a name az resolves to the built-in of that name.
import { opt } from './args';
import { usageError } from './errors';
import { ok, restError } from './http-client';
import type { CommandIo, CommandResult } from './io';
import { azView, type ArmJson } from './resource-view';

const API = '2023-04-01';

function scopeOf(io: CommandIo): string {
  const scope = opt(io.args, 'scope');
  if (scope) return scope.replace(/\/+$/, '');
  const rg = opt(io.args, 'resource-group');
  return rg
    ? `/subscriptions/${io.ctx.subscriptionId}/resourceGroups/${rg}`
    : `/subscriptions/${io.ctx.subscriptionId}`;
}

const definitionId = (policy: string) =>
  policy.startsWith('/') ? policy : `/providers/Microsoft.Authorization/policyDefinitions/${policy}`;

function parameters(io: CommandIo): unknown {
  const text = opt(io.args, 'params');
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw usageError(`--params: not valid JSON: ${text}`);
  }
}

export async function policyAssignmentCommand(io: CommandIo, verb: string): Promise<CommandResult> {
  const scope = scopeOf(io);
  const base = `${io.ctx.arm}${scope}/providers/Microsoft.Authorization/policyAssignments`;
  if (verb === 'list') {
    const r = await io.http.send('GET', `${base}?api-version=${API}`);
    if (!ok(r)) throw restError(r, `list policy assignments at ${scope}`);
    return { value: ((r.body as { value?: ArmJson[] }).value ?? []).map(azView) };
  }
  const name = opt(io.args, 'name');
  if (!name) throw usageError('the following arguments are required: --name/-n');
  const url = `${base}/${name}?api-version=${API}`;
  if (verb === 'create') {
    const policy = opt(io.args, 'policy');
    if (!policy) throw usageError('usage error: --policy NAME_OR_ID | --policy-set-definition NAME_OR_ID');
    const properties = {
      policyDefinitionId: definitionId(policy),
      displayName: opt(io.args, 'display-name'),
      description: opt(io.args, 'description'),
      parameters: parameters(io),
      enforcementMode: opt(io.args, 'enforcement-mode'),
      notScopes: io.args.options.get('not-scopes'),
    };
    const body = {
      properties: Object.fromEntries(Object.entries(properties).filter(([, v]) => v !== undefined)),
    };
    const r = await io.http.send('PUT', url, body);
    if (!ok(r)) throw restError(r, `create policy assignment ${name}`);
    return { value: azView(r.body as ArmJson) };
  }
  if (verb === 'show') {
    const r = await io.http.send('GET', url);
    if (!ok(r)) throw restError(r, `show policy assignment ${name}`);
    return { value: azView(r.body as ArmJson) };
  }
  if (verb === 'delete') {
    const r = await io.http.send('DELETE', url);
    if (!ok(r)) throw restError(r, `delete policy assignment ${name}`);
    return { value: undefined };
  }
  return { value: {}, simulated: true };
}

// Policy Insights, api-version 2019-10-01 as in https://learn.microsoft.com/azure/governance/policy/how-to/get-compliance-data
// (on-demand evaluation scan). az's policyinsights custom.py: trigger_policy_scan → begin_trigger_resource_group_evaluation
// (waits unless --no-wait), summarize_policy_states → summarize_for_resource_group(...).value[0].
const INSIGHTS_API = '2019-10-01';

export async function policyStateCommand(io: CommandIo, verb: string): Promise<CommandResult> {
  const rg = opt(io.args, 'resource-group');
  if (!rg) return { value: {}, simulated: true };
  const base = `${io.ctx.arm}/subscriptions/${io.ctx.subscriptionId}/resourceGroups/${rg}/providers/Microsoft.PolicyInsights/policyStates/latest`;
  if (verb === 'trigger-scan') {
    const url = `${base}/triggerEvaluation?api-version=${INSIGHTS_API}`;
    const r = io.args.options.has('no-wait')
      ? await io.http.send('POST', url)
      : await io.http.arm('POST', url);
    if (!ok(r)) throw restError(r, `trigger a policy scan of ${rg}`);
    return { value: undefined };
  }
  if (verb === 'summarize') {
    const r = await io.http.send('POST', `${base}/summarize?api-version=${INSIGHTS_API}`);
    if (!ok(r)) throw restError(r, `summarize policy states of ${rg}`);
    return { value: (r.body as { value?: unknown[] }).value?.[0] };
  }
  return { value: {}, simulated: true };
}
