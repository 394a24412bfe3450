// `<service> <sub> create|delete|show|list|update|<action>` → generic ARM resource calls.
import { randomUUID } from 'node:crypto';
import { catalogVersions } from '../arm/catalog';
import { actionCommands, runAction } from './action-commands';
import { opt, tagsOption } from './args';
import { updateCommands } from './update-commands';
import type { ResourceCommand } from './command-table';
import { AzError, usageError } from './errors';
import { ok, restError } from './http-client';
import { ARM_GROUP_API, type CommandIo, type CommandResult } from './io';
import { impliedChildren, shapeProperties } from './resource-shapes';
import { azView, type ArmJson } from './resource-view';
import { afterCreate } from './side-effects';

const FALLBACK_API = '2023-01-01';
/** Options that are not resource properties (and options whose values are secrets, never stored). */
const NOT_PROPERTIES = new Set([
  'name',
  'resource-group',
  'location',
  'tags',
  'output',
  'query',
  'yes',
  'no-wait',
  'only-show-errors',
  'subscription',
  'debug',
  'verbose',
  'ids',
  'sku',
  'kind',
  'help',
]);
const SECRET_OPTION = /pass|secret|token|connection-string|(^|-)key(s)?$|ssh-key/i;

export interface ResourceTarget {
  id: string;
  /** `Microsoft.Network/virtualNetworks/subnets` */
  type: string;
  apiVersion: string;
}

export function apiVersionFor(type: string): string {
  const [namespace, ...rest] = type.split('/');
  return catalogVersions(namespace, rest.join('/'))?.[0] ?? FALLBACK_API;
}

/** The type of an ARM id: provider namespace + every type segment (`Microsoft.Web/sites/slots`). */
export function typeOfId(id: string): string {
  const tail = id.split(/\/providers\//i).pop() ?? '';
  const parts = tail.split('/');
  const types = [parts[0]];
  for (let i = 1; i < parts.length; i += 2) types.push(parts[i]);
  return types.join('/');
}

export function targetFromId(id: string): ResourceTarget {
  const type = typeOfId(id);
  return { id, type, apiVersion: apiVersionFor(type) };
}

/** Fills the template from the options; `omitLeaf` leaves the last name out (a list's parent). */
export function targetFromTemplate(io: CommandIo, entry: ResourceCommand): ResourceTarget {
  const rg = opt(io.args, 'resource-group');
  if (!rg) throw usageError('the following arguments are required: --resource-group/-g');
  const [namespace, ...segments] = entry.template.split('/');
  const filled = segments.map((segment) => {
    const m = /^\{(.+)\}$/.exec(segment);
    if (!m) return segment;
    const names = m[1].split('|');
    const value = opt(io.args, ...names);
    if (!value)
      throw usageError(`the following arguments are required: ${names.map((x) => `--${x}`).join(' / ')}`);
    return value;
  });
  const id = `/subscriptions/${io.ctx.subscriptionId}/resourceGroups/${rg}/providers/${namespace}/${filled.join('/')}`;
  return targetFromId(id);
}

/**
 * Data-plane commands (`az acr repository list --name R`) name a top-level resource without its
 * group: az finds it in the subscription by type and name, and so does the stand-in.
 */
async function resolveTarget(io: CommandIo, entry: ResourceCommand): Promise<ResourceTarget> {
  const [namespace, ...segments] = entry.template.split('/');
  if (opt(io.args, 'resource-group') || segments.length !== 2) return targetFromTemplate(io, entry);
  const name = opt(io.args, ...(/^\{(.+)\}$/.exec(segments[1])?.[1].split('|') ?? ['name']));
  if (!name) return targetFromTemplate(io, entry);
  const type = `${namespace}/${segments[0]}`;
  const filter = encodeURIComponent(`resourceType eq '${type}' and name eq '${name}'`);
  const r = await io.http.send(
    'GET',
    `${io.ctx.arm}/subscriptions/${io.ctx.subscriptionId}/resources?$filter=${filter}&api-version=${ARM_GROUP_API}`,
  );
  if (!ok(r)) throw restError(r, `find ${type} ${name}`);
  const found = ((r.body as { value?: ArmJson[] }).value ?? []).find(
    (x) => String(x.name).toLowerCase() === name.toLowerCase(),
  );
  if (!found?.id)
    throw new AzError(
      `(ResourceNotFound) The Resource '${type}/${name}' was not found in subscription ${io.ctx.subscriptionId}.`,
      3,
    );
  return targetFromId(found.id);
}

const camel = (flag: string) => flag.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** The request body of a create: location, tags, sku, kind, and the other options as properties. */
async function createBody(
  io: CommandIo,
  target: ResourceTarget,
  entry: ResourceCommand,
): Promise<Record<string, unknown>> {
  const templateOptions = new Set(
    [...entry.template.matchAll(/\{([^}]+)\}/g)].flatMap((m) => m[1].split('|')),
  );
  const properties: Record<string, unknown> = {};
  for (const [name, values] of io.args.options) {
    if (NOT_PROPERTIES.has(name) || templateOptions.has(name) || SECRET_OPTION.test(name)) continue;
    properties[camel(name)] = values.length === 0 ? true : values.length === 1 ? values[0] : values;
  }
  const topLevel = target.type.split('/').length === 2;
  shapeProperties(io, target.type, target.id, properties);
  if (target.type.toLowerCase() === 'microsoft.managedidentity/userassignedidentities') {
    // What Azure fills in for a new identity: later steps read principalId to grant it roles.
    Object.assign(properties, {
      principalId: randomUUID(),
      clientId: randomUUID(),
      tenantId: io.ctx.tenantId,
    });
  }
  const body: Record<string, unknown> = { properties };
  if (topLevel)
    body.location = opt(io.args, 'location') ?? (await groupLocation(io, target.id)) ?? io.ctx.location;
  const tags = tagsOption(io.args);
  if (tags) body.tags = tags;
  const sku = opt(io.args, 'sku');
  if (sku) body.sku = { name: sku };
  const kind = opt(io.args, 'kind');
  if (kind) body.kind = kind;
  if (io.args.options.has('assign-identity') || io.args.options.has('mi-system-assigned'))
    body.identity = systemIdentity(io);
  return body;
}

const systemIdentity = (io: CommandIo) => ({
  type: 'SystemAssigned',
  principalId: randomUUID(),
  tenantId: io.ctx.tenantId,
});

async function groupLocation(io: CommandIo, id: string): Promise<string | undefined> {
  const group = /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+/i.exec(id)?.[0];
  if (!group) return undefined;
  const r = await io.http.send('GET', `${io.ctx.arm}${group}?api-version=${ARM_GROUP_API}`);
  return ok(r) ? ((r.body as { location?: string }).location ?? undefined) : undefined;
}

const url = (io: CommandIo, t: ResourceTarget, suffix = '') =>
  `${io.ctx.arm}${t.id}${suffix}?api-version=${t.apiVersion}`;

export async function getResource(io: CommandIo, t: ResourceTarget): Promise<ArmJson> {
  const r = await io.http.send('GET', url(io, t));
  if (!ok(r)) throw restError(r, `GET ${t.id}`);
  return r.body as ArmJson;
}

export async function putResource(io: CommandIo, t: ResourceTarget, body: unknown): Promise<ArmJson> {
  let r = await io.http.arm('PUT', url(io, t), body);
  const parent = t.id.replace(/\/[^/]+\/[^/]+$/, '');
  if (
    r.status === 404 &&
    /\/default$/i.test(parent) &&
    (r.body as { error?: { code?: string } } | undefined)?.error?.code === 'ParentResourceNotFound'
  ) {
    // Azure makes singleton children such as blobServices/default with their account.
    await putResource(io, targetFromId(parent), { properties: {} });
    r = await io.http.arm('PUT', url(io, t), body);
  }
  if (!ok(r)) throw restError(r, `PUT ${t.id}`);
  return r.body as ArmJson;
}

export async function deleteResource(io: CommandIo, t: ResourceTarget): Promise<void> {
  const r = await io.http.arm('DELETE', url(io, t));
  if (!ok(r)) throw restError(r, `DELETE ${t.id}`);
}

/** `--set a.b=c` (and `--add`-free updates): writes into the resource's JSON by path. */
const TOP_LEVEL = new Set([
  'id',
  'name',
  'type',
  'location',
  'tags',
  'sku',
  'kind',
  'identity',
  'properties',
  'plan',
  'managedBy',
  'zones',
  'extendedLocation',
]);

/** `add-record`-style verbs add to what exists: arrays are appended, other properties kept unless given. */
async function mergeExisting(io: CommandIo, t: ResourceTarget, body: Record<string, unknown>): Promise<void> {
  const r = await io.http.send('GET', url(io, t));
  if (!ok(r)) return;
  const existing = r.body as ArmJson;
  const next = body.properties as Record<string, unknown>;
  for (const [key, value] of Object.entries(existing.properties ?? {})) {
    if (Array.isArray(value) && Array.isArray(next[key])) next[key] = [...value, ...(next[key] as unknown[])];
    else if (!(key in next)) next[key] = value;
  }
  if (existing.tags && !body.tags) body.tags = existing.tags;
}

/** `--set` paths are written against az's flattened view: `allowForwardedTraffic` is `properties.allowForwardedTraffic`. */
function applySet(resource: ArmJson, assignments: string[]): void {
  for (const assignment of assignments) {
    const eq = assignment.indexOf('=');
    if (eq < 0) throw usageError(`--set expects path=value, got '${assignment}'`);
    const written = assignment.slice(0, eq).split('.');
    const path = TOP_LEVEL.has(written[0]) ? written : ['properties', ...written];
    let raw: unknown = assignment.slice(eq + 1);
    try {
      raw = JSON.parse(raw as string);
    } catch {
      // A bare word stays a string, as az treats it.
    }
    let node = resource as Record<string, unknown>;
    for (const key of path.slice(0, -1)) {
      if (!node[key] || typeof node[key] !== 'object') node[key] = {};
      node = node[key] as Record<string, unknown>;
    }
    node[path[path.length - 1]] = raw;
  }
}

export async function updateResource(
  io: CommandIo,
  t: ResourceTarget,
  implicit = false,
  createIfMissing?: () => Promise<unknown>,
  change?: (resource: ArmJson) => void,
): Promise<ArmJson> {
  const r = await io.http.send('GET', url(io, t));
  if (r.status === 404 && implicit && createIfMissing) return putResource(io, t, await createIfMissing());
  if (!ok(r)) throw restError(r, `GET ${t.id}`);
  const resource = r.body as ArmJson;
  const tags = tagsOption(io.args);
  // Merged, so a partial `--tags` never drops the run's tags (the janitor finds resources by them).
  if (tags) resource.tags = { ...((resource.tags as Record<string, string> | undefined) ?? {}), ...tags };
  applySet(resource, io.args.options.get('set') ?? []);
  change?.(resource);
  const { id: _id, name: _name, type: _type, ...body } = resource;
  return putResource(io, t, body);
}

/** Children of a parent (`network vnet subnet list`) or top-level resources of a group by type. */
async function listResources(io: CommandIo, entry: ResourceCommand): Promise<ArmJson[]> {
  const [namespace, ...segments] = entry.template.split('/');
  const rg = opt(io.args, 'resource-group');
  if (segments.length <= 2) {
    const type = `${namespace}/${segments[0]}`;
    const scope = rg
      ? `/subscriptions/${io.ctx.subscriptionId}/resourceGroups/${rg}`
      : `/subscriptions/${io.ctx.subscriptionId}`;
    const r = await io.http.send(
      'GET',
      `${io.ctx.arm}${scope}/resources?$filter=${encodeURIComponent(`resourceType eq '${type}'`)}&api-version=${ARM_GROUP_API}`,
    );
    if (!ok(r)) throw restError(r, `list ${type} in ${scope}`);
    return ((r.body as { value?: ArmJson[] }).value ?? []).map((x) => x);
  }
  const parentEntry: ResourceCommand = { template: [namespace, ...segments.slice(0, -2)].join('/') };
  const parent = targetFromTemplate(io, parentEntry);
  const childType = `${parent.type}/${segments[segments.length - 2]}`;
  const r = await io.http.send(
    'GET',
    `${io.ctx.arm}${parent.id}/${segments[segments.length - 2]}?api-version=${apiVersionFor(childType)}`,
  );
  if (r.status === 404 || r.status === 400) {
    // The sandbox answers single resources; children are read from its state (a loopback admin route).
    const parentGet = await io.http.send('GET', url(io, parent));
    if (parentGet.status === 404 && /\/default$/i.test(parent.id)) {
      // A singleton such as blobServices/default exists in Azure as soon as its account does.
      await getResource(io, targetFromId(parent.id.replace(/\/[^/]+\/default$/i, '')));
      return [];
    }
    if (!ok(parentGet)) throw restError(parentGet, `GET ${parent.id}`);
    const parentBody = parentGet.body as ArmJson;
    const state = await io.http.send('GET', `${io.ctx.arm}/_sandbox/state`);
    const resources = Object.values(
      ((state.body as { arm?: { resources?: Record<string, ArmJson> } }).arm?.resources ?? {}) as Record<
        string,
        ArmJson
      >,
    );
    const prefix = `${String(parentBody.id)}/${segments[segments.length - 2]}/`.toLowerCase();
    return resources.filter(
      (x) =>
        typeof x.id === 'string' &&
        x.id.toLowerCase().startsWith(prefix) &&
        !x.id.slice(prefix.length).includes('/'),
    );
  }
  if (!ok(r)) throw restError(r, `list children of ${parent.id}`);
  return (r.body as { value?: ArmJson[] }).value ?? [];
}

const LIST_LIKE = /^(list|show-usage|list-usage|list-instances|list-events|show-tags)/;

export async function resourceCommand(
  io: CommandIo,
  group: string,
  entry: ResourceCommand,
  rest: string[],
): Promise<CommandResult> {
  const verb = rest[rest.length - 1];
  const direct = rest.length === 1 && !entry.actionOnly;
  if (direct && verb === 'list') return { value: (await listResources(io, entry)).map(azView) };
  const ids = io.args.options.get('ids');
  const creates =
    rest.length === 1 && !entry.actionOnly && (verb === 'create' || !!entry.putVerbs?.includes(verb));
  const targets =
    ids && ids.length > 0
      ? ids.map(targetFromId)
      : [creates ? targetFromTemplate(io, entry) : await resolveTarget(io, entry)];
  const results: unknown[] = [];
  for (const t of targets) results.push(await onTarget(io, group, entry, rest, t));
  return { value: targets.length === 1 ? results[0] : results.filter((x) => x !== undefined) };
}

async function onTarget(
  io: CommandIo,
  group: string,
  entry: ResourceCommand,
  rest: string[],
  t: ResourceTarget,
): Promise<unknown> {
  const verb = rest[rest.length - 1];
  if (rest.length === 1 && !entry.actionOnly) {
    if (verb === 'create' || entry.putVerbs?.includes(verb)) {
      const body = await createBody(io, t, entry);
      if (verb !== 'create') await mergeExisting(io, t, body);
      const created = await putResource(io, t, body);
      for (const [childId, properties] of impliedChildren(
        io,
        t.type,
        t.id,
        body.properties as Record<string, unknown>,
      ))
        await putResource(io, targetFromId(childId), { properties });
      await afterCreate(io, t.type, t.id, {
        put: (id, b) => putResource(io, targetFromId(id), b),
        get: async (id) => {
          const r = await io.http.send('GET', url(io, targetFromId(id)));
          return ok(r) ? (r.body as ArmJson) : undefined;
        },
      });
      return azView(created);
    }
    if (verb === 'delete') {
      await deleteResource(io, t);
      return undefined;
    }
    if (verb === 'show') return azView(await getResource(io, t));
    if (verb === 'update')
      return azView(await updateResource(io, t, entry.implicit, () => createBody(io, t, entry)));
    if (verb === 'wait') return waitFor(io, t);
  }
  if (rest[0] === 'identity' && rest.length === 2) return identityCommand(io, t, verb);
  const action = actionCommands[`${group} ${rest.join(' ')}`];
  if (action) return runAction(io, t, action);
  const change = updateCommands[`${group} ${rest.join(' ')}`];
  if (change) return azView(await updateResource(io, t, false, undefined, (r) => change(r, io)));
  // Any other verb acts on an existing resource: it fails as in Azure when the resource is missing.
  const resource = await getResource(io, t);
  if (LIST_LIKE.test(verb)) return [];
  return azView(resource);
}

async function identityCommand(io: CommandIo, t: ResourceTarget, verb: string): Promise<unknown> {
  const resource = await getResource(io, t);
  if (verb === 'assign') {
    const identity = (resource.identity as Record<string, unknown> | undefined)?.principalId
      ? resource.identity
      : systemIdentity(io);
    const { id: _id, name: _name, type: _type, ...body } = resource;
    return (await putResource(io, t, { ...body, identity })).identity;
  }
  if (verb === 'remove') {
    const { id: _id, name: _name, type: _type, identity: _identity, ...body } = resource;
    await putResource(io, t, body);
    return undefined;
  }
  return resource.identity ?? undefined;
}

/** `az <x> wait --created|--deleted|--exists`, bounded. */
async function waitFor(io: CommandIo, t: ResourceTarget): Promise<undefined> {
  const wantGone = io.args.options.has('deleted');
  for (let i = 0; i < 100; i++) {
    const r = await io.http.send('GET', url(io, t));
    if (wantGone ? r.status === 404 : ok(r)) return undefined;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new AzError(`timed out waiting for ${t.id} to be ${wantGone ? 'deleted' : 'created'}`);
}
