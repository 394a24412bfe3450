// `az resource create|show|delete|list|update|tag|wait` and `az tag update|create`.
import { opt, tagsOption } from './args';
import { usageError } from './errors';
import { ok, restError } from './http-client';
import { ARM_GROUP_API, type CommandIo, type CommandResult } from './io';
import {
  apiVersionFor,
  deleteResource,
  getResource,
  putResource,
  targetFromId,
  updateResource,
  type ResourceTarget,
} from './resource-commands';
import type { ArmJson } from './resource-view';

/** `--ids`, or `-g/-n` with `--resource-type` (`Microsoft.X/y` or `y` with `--namespace`) and `--parent`. */
function targets(io: CommandIo): ResourceTarget[] {
  const ids = io.args.options.get('ids') ?? [];
  if (ids.length > 0) return ids.map(targetFromId);
  const rg = opt(io.args, 'resource-group');
  const name = opt(io.args, 'name');
  const type = opt(io.args, 'resource-type');
  if (!rg || !name || !type)
    throw usageError('specify --ids, or --resource-group, --name and --resource-type');
  const namespace = opt(io.args, 'namespace');
  const fullType = namespace && !type.includes('/') ? `${namespace}/${type}` : type;
  const [ns, ...typeParts] = fullType.split('/');
  const parent = opt(io.args, 'parent');
  const id = `/subscriptions/${io.ctx.subscriptionId}/resourceGroups/${rg}/providers/${ns}/${parent ? `${parent}/` : ''}${typeParts.join('/')}/${name}`;
  return [
    {
      id,
      type: parent ? targetFromId(id).type : fullType,
      apiVersion: opt(io.args, 'api-version') ?? apiVersionFor(fullType),
    },
  ];
}

export async function genericResourceCommand(io: CommandIo, verb: string): Promise<CommandResult> {
  if (verb === 'list') {
    const rg = opt(io.args, 'resource-group');
    const filters: string[] = [];
    const type = opt(io.args, 'resource-type');
    if (type) filters.push(`resourceType eq '${type}'`);
    const tag = tagsOption(io.args, 'tag');
    const [key, value] = tag ? (Object.entries(tag)[0] ?? []) : [];
    if (key) filters.push(value ? `tagName eq '${key}' and tagValue eq '${value}'` : `tagName eq '${key}'`);
    const scope = rg
      ? `/subscriptions/${io.ctx.subscriptionId}/resourceGroups/${rg}`
      : `/subscriptions/${io.ctx.subscriptionId}`;
    const filter = filters.length > 0 ? `&$filter=${encodeURIComponent(filters.join(' and '))}` : '';
    const r = await io.http.send(
      'GET',
      `${io.ctx.arm}${scope}/resources?api-version=${ARM_GROUP_API}${filter}`,
    );
    if (!ok(r)) throw restError(r, `list resources in ${scope}`);
    return { value: (r.body as { value?: ArmJson[] }).value ?? [] };
  }
  const results: unknown[] = [];
  for (const t of targets(io)) {
    if (verb === 'show') results.push(await getResource(io, t));
    else if (verb === 'delete') await deleteResource(io, t);
    else if (verb === 'update' || verb === 'tag') results.push(await updateResource(io, t));
    else if (verb === 'create') {
      const properties = JSON.parse(opt(io.args, 'properties') ?? '{}') as Record<string, unknown>;
      const full = io.args.options.has('is-full-object');
      const tags = tagsOption(io.args);
      const body = full
        ? properties
        : { properties, location: opt(io.args, 'location'), ...(tags ? { tags } : {}) };
      results.push(await putResource(io, t, body));
    } else {
      await getResource(io, t);
      results.push({});
    }
  }
  return { value: results.length === 0 ? undefined : results.length === 1 ? results[0] : results };
}

/** `az tag update --resource-id X --operation Merge|Replace|Delete --tags …`, `az tag create --resource-id`. */
export async function tagCommand(io: CommandIo, verb: string): Promise<CommandResult> {
  const scope = opt(io.args, 'resource-id');
  if (!scope) throw usageError('the following arguments are required: --resource-id');
  const tags = tagsOption(io.args) ?? {};
  const url = `${io.ctx.arm}${scope}/providers/Microsoft.Resources/tags/default?api-version=${ARM_GROUP_API}`;
  const operation = verb === 'create' ? undefined : (opt(io.args, 'operation') ?? 'Merge');
  const r = operation
    ? await io.http.send('PATCH', url, { operation, properties: { tags } })
    : await io.http.send('PUT', url, { properties: { tags } });
  if (!ok(r)) throw restError(r, `${verb} tags of ${scope}`);
  return { value: r.body };
}
