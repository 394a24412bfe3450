// The official REST examples' operations, as requests to the sandbox: operation id → method, path, body and what
// the example assumes already exists. tests/sandbox/contract.test.ts sends each example through this table.
import type { Sandbox } from '../../../sandbox';
import { builtInRoles } from '../../../sandbox/arm/role-definitions';
import { loadExamples, type RestExample } from './examples';
import { httpsRequest, type RawResponse } from './https-request';
import { bearer } from './tokens';

const contributor = 'b24988ac-6180-42a0-ab88-20f7382dd24c';
const builtIn = new Set(builtInRoles.map((r) => r.id));

export interface OperationSpec {
  method: string;
  /** `{name}` is replaced by the parameter; `{+name}` keeps its slashes (scopes, full ids). */
  path: string;
  /** Name of the parameter that carries the request body. */
  body?: string;
  /** Example-only placeholders turned into values the sandbox can answer (e.g. `scope: "scope"`). */
  adapt?: (p: Record<string, any>, sb: Sandbox) => void;
  /** Creates what the operation reads (the example assumes it exists), from the example itself. */
  prepare?: (p: Record<string, any>, ctx: Ctx, example?: RestExample) => Promise<void>;
  /** Paths the sandbox may leave out, each with the reason. */
  optional?: Record<string, string>;
}

export interface Ctx {
  sb: Sandbox;
  call: (method: string, path: string, body?: unknown) => Promise<RawResponse>;
}

const jobBase =
  '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.App/jobs/{jobName}';

async function ensureGroup(ctx: Ctx, name: string) {
  const res = await ctx.call(
    'PUT',
    `/subscriptions/${ctx.sb.subscriptionId}/resourcegroups/${name}?api-version=2025-04-01`,
    { location: 'eastus' },
  );
  if (res.status >= 300) throw new Error(`could not create group ${name}: ${res.body}`);
}

/** The job from the create example (so reads round-trip its fields), with a command the sandbox can run. */
async function ensureJob(p: Record<string, any>, ctx: Ctx, command: string[]) {
  await ensureGroup(ctx, p.resourceGroupName);
  const create = loadExamples(['containerapps-jobs']).find((e) => e.operationId === 'Jobs_CreateOrUpdate');
  const envelope = substitute(
    structuredClone(
      create?.parameters.JobEnvelope ?? {
        location: 'eastus',
        properties: {
          configuration: { triggerType: 'Manual' },
          template: { containers: [{ name: 'c', image: 'i' }] },
        },
      },
    ),
    ctx.sb,
  ) as any;
  for (const c of envelope.properties.template.containers) c.command = command;
  const res = await ctx.call(
    'PUT',
    `/subscriptions/${ctx.sb.subscriptionId}/resourceGroups/${p.resourceGroupName}/providers/Microsoft.App/jobs/${p.jobName}?api-version=2025-07-01`,
    envelope,
  );
  if (res.status >= 300) throw new Error(`could not create job ${p.jobName}: ${res.body}`);
}

async function startExecution(p: Record<string, any>, ctx: Ctx): Promise<string> {
  const res = await ctx.call(
    'POST',
    `/subscriptions/${ctx.sb.subscriptionId}/resourceGroups/${p.resourceGroupName}/providers/Microsoft.App/jobs/${p.jobName}/start?api-version=2025-07-01`,
  );
  const final = await followLro(ctx, res);
  return final.json().name;
}

export async function followLro(ctx: Ctx, res: RawResponse): Promise<RawResponse> {
  let current = res;
  for (let i = 0; i < 100 && current.status === 202; i++) {
    const location = current.headers.location as string | undefined;
    if (!location) return current;
    current = await httpsRequest(location, ctx.sb.caCert, { headers: await bearer(ctx.sb, 'arm') });
  }
  return current;
}

/** Puts the principal an example assigns into the directory, so ARM finds it without principalType. */
function seedPrincipal(ctx: Ctx, props: { principalId?: string; principalType?: string } | undefined) {
  if (props?.principalId) ctx.sb.admin.putDirectoryPrincipal(props.principalId);
}

/** Creates the role assignment an example's answer shows (its principal, role and name) at the example's scope. */
async function assignFromExample(ctx: Ctx, scope: string, name: string, example?: RestExample, index = 0) {
  const body = example?.responses['200']?.body as Record<string, any> | undefined;
  const shown = (body?.value?.[index] ?? body ?? {}) as { properties?: Record<string, string> };
  const props = substitute(shown.properties ?? {}, ctx.sb) as Record<string, string>;
  const principalId = props.principalId ?? '7b9b2a5c-0000-4000-8000-0000000000bb';
  ctx.sb.admin.putDirectoryPrincipal(principalId);
  const group = /resourceGroups\/([^/]+)/i.exec(scope)?.[1];
  if (group) await ensureGroup(ctx, group);
  const res = await ctx.call(
    'PUT',
    `/${scope}/providers/Microsoft.Authorization/roleAssignments/${name}?api-version=2022-04-01`,
    {
      properties: {
        roleDefinitionId:
          props.roleDefinitionId ?? `/providers/Microsoft.Authorization/roleDefinitions/${contributor}`,
        principalId,
      },
    },
  );
  if (res.status >= 300) throw new Error(`could not create role assignment ${name}: ${res.body}`);
}

const node = process.execPath;

/** Operation id → request. Add a line here when examples of a new operation arrive. */
export const operations: Record<string, OperationSpec> = {
  ResourceGroups_CreateOrUpdate: {
    method: 'PUT',
    path: '/subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}',
    body: 'parameters',
  },
  ResourceGroups_Get: {
    method: 'GET',
    path: '/subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}',
    prepare: (p, ctx) => ensureGroup(ctx, p.resourceGroupName),
  },
  Providers_Get: {
    method: 'GET',
    path: '/subscriptions/{subscriptionId}/providers/{resourceProviderNamespace}',
    // The example's provider is fictional; ask for a real one the sandbox catalogues.
    adapt: (p) => (p.resourceProviderNamespace = 'Microsoft.Storage'),
    optional: {
      'resourceTypes[].locationMappings': 'only types deployed to edge zones carry locationMappings',
    },
  },
  Tags_CreateOrUpdateAtScope: {
    method: 'PUT',
    path: '/{+scope}/providers/Microsoft.Resources/tags/default',
    body: 'parameters',
    prepare: async (p, ctx) => ctx.sb.admin.putDecoyResource({ id: `/${p.scope}` }),
  },
  Tags_GetAtScope: {
    method: 'GET',
    path: '/{+scope}/providers/Microsoft.Resources/tags/default',
    prepare: async (p, ctx) => ctx.sb.admin.putDecoyResource({ id: `/${p.scope}`, tags: { a: 'b' } }),
  },
  Tags_UpdateAtScope: {
    method: 'PATCH',
    path: '/{+scope}/providers/Microsoft.Resources/tags/default',
    body: 'parameters',
    prepare: async (p, ctx) => ctx.sb.admin.putDecoyResource({ id: `/${p.scope}` }),
  },
  RoleDefinitions_Get: {
    method: 'GET',
    optional: {
      'properties.permissions[].dataActions[]':
        'the built-in roles the sandbox serves have no data actions (as in Azure)',
    },
    path: '/{+scope}/providers/Microsoft.Authorization/roleDefinitions/{roleDefinitionId}',
    adapt: (p, sb) => {
      if (!p.scope.includes('subscriptions')) p.scope = `subscriptions/${sb.subscriptionId}`;
      if (!builtIn.has(p.roleDefinitionId)) p.roleDefinitionId = contributor;
    },
  },
  RoleDefinitions_GetById: {
    method: 'GET',
    optional: {
      'properties.permissions[].dataActions[]':
        'the built-in roles the sandbox serves have no data actions (as in Azure)',
    },
    path: '/{+roleId}',
    adapt: (p, sb) => {
      if (!String(p.roleId).includes('/'))
        p.roleId = `subscriptions/${sb.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${contributor}`;
    },
  },
  RoleAssignments_Create: {
    method: 'PUT',
    path: '/{+scope}/providers/Microsoft.Authorization/roleAssignments/{roleAssignmentName}',
    body: 'parameters',
    prepare: async (p, ctx) => {
      const group = /resourceGroups\/([^/]+)/i.exec(p.scope)?.[1];
      if (group) await ensureGroup(ctx, group);
      seedPrincipal(ctx, p.parameters?.properties);
    },
  },
  RoleAssignments_Get: {
    method: 'GET',
    path: '/{+scope}/providers/Microsoft.Authorization/roleAssignments/{roleAssignmentName}',
    prepare: (p, ctx, example) => assignFromExample(ctx, p.scope, p.roleAssignmentName, example),
  },
  RoleAssignments_ListForScope: {
    method: 'GET',
    path: '/{+scope}/providers/Microsoft.Authorization/roleAssignments',
    prepare: async (p, ctx, example) => {
      const listed =
        (example?.responses['200']?.body as { value?: { name?: string }[] } | undefined)?.value ?? [];
      for (const [i, item] of listed.entries())
        await assignFromExample(
          ctx,
          p.scope,
          item.name ?? `7b9b2a5c-0000-4000-8000-00000000000${i}`,
          example,
          i,
        );
    },
  },
  Resources: {
    method: 'POST',
    path: '/providers/Microsoft.ResourceGraph/resources',
    body: 'query',
    adapt: (p, sb) => (p.query.subscriptions = [sb.subscriptionId]),
    prepare: async (_p, ctx) => {
      for (let i = 0; i < 5; i++) {
        ctx.sb.admin.putDecoyResource({
          id: `/subscriptions/${ctx.sb.subscriptionId}/resourceGroups/rg-contract/providers/Microsoft.Network/networkInterfaces/test-nic-${i}`,
          tags: { tag1: 'Value1' },
        });
      }
    },
  },
  Jobs_CreateOrUpdate: {
    method: 'PUT',
    path: jobBase,
    body: 'JobEnvelope',
    prepare: (p, ctx) => ensureGroup(ctx, p.resourceGroupName),
  },
  Jobs_Get: { method: 'GET', path: jobBase, prepare: (p, ctx) => ensureJob(p, ctx, [node, '-e', '0']) },
  Jobs_Delete: { method: 'DELETE', path: jobBase, prepare: (p, ctx) => ensureJob(p, ctx, [node, '-e', '0']) },
  Jobs_Start: {
    method: 'POST',
    path: `${jobBase}/start`,
    body: 'template',
    prepare: (p, ctx) => ensureJob(p, ctx, [node, '-e', '0']),
  },
  Jobs_StopMultipleExecutions: {
    method: 'POST',
    path: `${jobBase}/stop`,
    prepare: async (p, ctx) => {
      await ensureJob(p, ctx, [node, '-e', 'setTimeout(() => {}, 30000)']);
      await startExecution(p, ctx);
    },
  },
  JobsExecutions_List: {
    method: 'GET',
    path: `${jobBase}/executions`,
    prepare: async (p, ctx) => {
      await ensureJob(p, ctx, [node, '-e', '0']);
      const name = await startExecution(p, ctx);
      // The example lists a finished execution (it has an endTime): wait for ours to finish.
      for (let i = 0; i < 200; i++) {
        const e = await ctx.call(
          'GET',
          `/subscriptions/${ctx.sb.subscriptionId}/resourceGroups/${p.resourceGroupName}/providers/Microsoft.App/jobs/${p.jobName}/executions/${name}?api-version=2025-07-01`,
        );
        if (e.json().properties.endTime) return;
        await new Promise((r) => setTimeout(r, 25));
      }
    },
  },
};

/** Puts the sandbox's subscription into every id and replaces role ids the sandbox does not know with Contributor. */
export function substitute(value: unknown, sb: Sandbox): unknown {
  if (typeof value === 'string') {
    return value
      .replace(/(subscriptions\/)[^/]+/gi, `$1${sb.subscriptionId}`)
      .replace(/(roleDefinitions\/)([0-9a-f-]{36})/gi, (all, prefix: string, id: string) =>
        builtIn.has(id.toLowerCase()) ? all : `${prefix}${contributor}`,
      );
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, sb));
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [substitute(k, sb) as string, substitute(v, sb)]),
    );
  return value;
}

export function buildPath(template: string, p: Record<string, any>): string {
  return template.replace(/\{(\+?)(\w+)\}/g, (_all, plus: string, name: string) => {
    const v = String(p[name] ?? '');
    return plus ? v.replace(/^\/+/, '') : encodeURIComponent(v);
  });
}
