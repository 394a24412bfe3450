// `az group create|delete|exists|show|list|update|wait` → ARM resource groups.
import { opt, tagsOption } from './args';
import { AzError, usageError } from './errors';
import { ok, restError } from './http-client';
import { ARM_GROUP_API, type CommandIo, type CommandResult } from './io';
import type { ArmJson } from './resource-view';

const groupUrl = (io: CommandIo, name: string) =>
  `${io.ctx.arm}/subscriptions/${io.ctx.subscriptionId}/resourceGroups/${encodeURIComponent(name)}?api-version=${ARM_GROUP_API}`;

function nameOf(io: CommandIo): string {
  const name = opt(io.args, 'name', 'resource-group');
  if (!name) throw usageError('the following arguments are required: --name/--resource-group/-n/-g');
  return name;
}

export async function groupCommand(io: CommandIo, verb: string): Promise<CommandResult> {
  if (verb === 'list') {
    const tag = tagsOption(io.args, 'tag');
    const [key, value] = tag ? (Object.entries(tag)[0] ?? []) : [];
    const filter = key
      ? `&$filter=${encodeURIComponent(value ? `tagName eq '${key}' and tagValue eq '${value}'` : `tagName eq '${key}'`)}`
      : '';
    const r = await io.http.send(
      'GET',
      `${io.ctx.arm}/subscriptions/${io.ctx.subscriptionId}/resourcegroups?api-version=${ARM_GROUP_API}${filter}`,
    );
    if (!ok(r)) throw restError(r, 'list resource groups');
    return { value: (r.body as { value?: ArmJson[] }).value ?? [] };
  }
  const name = nameOf(io);
  if (verb === 'create') {
    const location = opt(io.args, 'location');
    if (!location) throw usageError('the following arguments are required: --location/-l');
    const tags = tagsOption(io.args);
    const r = await io.http.send('PUT', groupUrl(io, name), { location, ...(tags ? { tags } : {}) });
    if (!ok(r)) throw restError(r, `create resource group ${name}`);
    return { value: r.body };
  }
  if (verb === 'show') {
    const r = await io.http.send('GET', groupUrl(io, name));
    if (!ok(r)) throw restError(r, `show resource group ${name}`);
    return { value: r.body };
  }
  if (verb === 'exists') {
    const r = await io.http.send('HEAD', groupUrl(io, name));
    if (r.status !== 204 && r.status !== 200 && r.status !== 404)
      throw restError(r, `check resource group ${name}`);
    return { value: r.status !== 404 };
  }
  if (verb === 'delete') {
    const r = await io.http.arm('DELETE', groupUrl(io, name));
    if (!ok(r)) throw restError(r, `delete resource group ${name}`);
    return {};
  }
  if (verb === 'update') {
    const tags = tagsOption(io.args);
    const r = await io.http.send('PATCH', groupUrl(io, name), tags ? { tags } : {});
    if (!ok(r)) throw restError(r, `update resource group ${name}`);
    return { value: r.body };
  }
  if (verb === 'wait') {
    const wantGone = io.args.options.has('deleted');
    for (let i = 0; i < 100; i++) {
      const r = await io.http.send('HEAD', groupUrl(io, name));
      if (wantGone ? r.status === 404 : r.status !== 404) return {};
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new AzError(
      `timed out waiting for resource group ${name} to be ${wantGone ? 'deleted' : 'created'}`,
    );
  }
  return { value: {}, simulated: true };
}
