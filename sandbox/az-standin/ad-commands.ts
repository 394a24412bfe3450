// `az ad app|sp create|list|show|update|delete` → Microsoft Graph v1.0 on the sandbox.
import { opt } from './args';
import { usageError } from './errors';
import { ok, restError } from './http-client';
import type { CommandIo, CommandResult } from './io';

type GraphObject = Record<string, unknown> & { id: string; appId?: string };

const collection = (kind: 'app' | 'sp') => (kind === 'app' ? 'applications' : 'servicePrincipals');

async function list(io: CommandIo, kind: 'app' | 'sp'): Promise<GraphObject[]> {
  const filters: string[] = [];
  const displayName = opt(io.args, 'display-name');
  if (displayName) filters.push(`displayName eq '${displayName.replace(/'/g, "''")}'`);
  const appId = opt(io.args, 'app-id');
  if (appId) filters.push(`appId eq '${appId}'`);
  const filter = filters.length > 0 ? `?$filter=${encodeURIComponent(filters.join(' and '))}` : '';
  const r = await io.http.send('GET', `${io.ctx.graph}/v1.0/${collection(kind)}${filter}`);
  if (!ok(r)) throw restError(r, `list ${collection(kind)}`);
  return (r.body as { value?: GraphObject[] }).value ?? [];
}

/** `--id` takes an appId or an object id, as az does. */
async function find(io: CommandIo, kind: 'app' | 'sp'): Promise<GraphObject> {
  const id = opt(io.args, 'id');
  if (!id) throw usageError('the following arguments are required: --id');
  const byObjectId = await io.http.send(
    'GET',
    `${io.ctx.graph}/v1.0/${collection(kind)}/${encodeURIComponent(id)}`,
  );
  if (ok(byObjectId)) return byObjectId.body as GraphObject;
  const byAppId = await io.http.send(
    'GET',
    `${io.ctx.graph}/v1.0/${collection(kind)}(appId='${encodeURIComponent(id)}')`,
  );
  if (!ok(byAppId))
    throw restError(byAppId, `find ${kind === 'app' ? 'application' : 'service principal'} ${id}`);
  return byAppId.body as GraphObject;
}

export async function adCommand(io: CommandIo, kind: 'app' | 'sp', verb: string): Promise<CommandResult> {
  if (verb === 'list') return { value: await list(io, kind) };
  if (verb === 'show') return { value: await find(io, kind) };
  if (verb === 'create') {
    const body =
      kind === 'app'
        ? {
            displayName: opt(io.args, 'display-name'),
            signInAudience: opt(io.args, 'sign-in-audience') ?? 'AzureADMyOrg',
          }
        : { appId: opt(io.args, 'id') };
    if (!Object.values(body)[0])
      throw usageError(`the following arguments are required: ${kind === 'app' ? '--display-name' : '--id'}`);
    const r = await io.http.send('POST', `${io.ctx.graph}/v1.0/${collection(kind)}`, body);
    if (!ok(r)) throw restError(r, `create ${collection(kind)}`);
    return { value: r.body };
  }
  if (verb === 'delete') {
    const target = await find(io, kind);
    const r = await io.http.send('DELETE', `${io.ctx.graph}/v1.0/${collection(kind)}/${target.id}`);
    if (!ok(r)) throw restError(r, `delete ${collection(kind)} ${target.id}`);
    return {};
  }
  if (verb === 'update') {
    const target = await find(io, kind);
    const audience = opt(io.args, 'sign-in-audience');
    const r = await io.http.send(
      'PATCH',
      `${io.ctx.graph}/v1.0/${collection(kind)}/${target.id}`,
      audience ? { signInAudience: audience } : {},
    );
    if (!ok(r)) throw restError(r, `update ${collection(kind)} ${target.id}`);
    return {};
  }
  // Other ad verbs (credential, owner, permission…) act on an object that must exist.
  await find(io, kind);
  return { value: {}, simulated: true };
}
