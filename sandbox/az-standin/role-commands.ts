// `az role assignment create|delete|list` → ARM role assignments (role names resolved like az does).
import { createHash } from 'node:crypto';
import { opt } from './args';
import { AzError, usageError } from './errors';
import { ok, restError } from './http-client';
import type { CommandIo, CommandResult } from './io';

const API = '2022-04-01';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface RoleDefinition {
  id: string;
  name: string;
  properties: { roleName: string };
}

interface RoleAssignment {
  id: string;
  name: string;
  properties: { roleDefinitionId: string; principalId: string; scope: string; principalType?: string };
}

function scopeOf(io: CommandIo): string {
  const scope = opt(io.args, 'scope');
  if (scope) return scope.replace(/\/+$/, '');
  const rg = opt(io.args, 'resource-group');
  return rg
    ? `/subscriptions/${io.ctx.subscriptionId}/resourceGroups/${rg}`
    : `/subscriptions/${io.ctx.subscriptionId}`;
}

/**
 * az lists role definitions at the command's scope (`definitions_client.list(scope=scope or '/subscriptions/…')`,
 * azure-cli src/azure-cli/azure/cli/command_modules/role/custom.py), so a principal with roles only at a resource
 * group can name roles there: a subscription-level read would need a grant it does not have.
 */
async function roleDefinitions(io: CommandIo): Promise<RoleDefinition[]> {
  const r = await io.http.send(
    'GET',
    `${io.ctx.arm}${scopeOf(io)}/providers/Microsoft.Authorization/roleDefinitions?api-version=${API}`,
  );
  if (!ok(r)) throw restError(r, 'list role definitions');
  return (r.body as { value?: RoleDefinition[] }).value ?? [];
}

async function resolveRole(io: CommandIo, role: string): Promise<RoleDefinition> {
  const definitions = await roleDefinitions(io);
  const guid = role.split('/').pop() ?? role;
  const found = definitions.find((d) =>
    GUID.test(guid)
      ? d.name.toLowerCase() === guid.toLowerCase()
      : d.properties.roleName.toLowerCase() === role.toLowerCase(),
  );
  if (!found) throw new AzError(`Role '${role}' doesn't exist.`);
  return found;
}

function principalOf(io: CommandIo, required: boolean): string | undefined {
  const principal = opt(io.args, 'assignee-object-id', 'assignee');
  if (principal && !GUID.test(principal))
    throw new AzError(
      `the sandbox az stand-in resolves --assignee only as an object id, got '${principal}' — use --assignee-object-id`,
    );
  if (!principal && required)
    throw usageError('the following arguments are required: --assignee or --assignee-object-id');
  return principal;
}

function view(a: RoleAssignment, definitions: RoleDefinition[]): Record<string, unknown> {
  const role = definitions.find(
    (d) => d.name.toLowerCase() === a.properties.roleDefinitionId.split('/').pop()?.toLowerCase(),
  );
  return {
    ...a.properties,
    id: a.id,
    name: a.name,
    type: 'Microsoft.Authorization/roleAssignments',
    roleDefinitionName: role?.properties.roleName,
    resourceGroup: /\/resourceGroups\/([^/]+)/i.exec(a.properties.scope)?.[1],
  };
}

async function listAt(
  io: CommandIo,
  scope: string,
  principal: string | undefined,
): Promise<RoleAssignment[]> {
  const filter = principal ? `principalId eq '${principal}'` : 'atScope()';
  const r = await io.http.send(
    'GET',
    `${io.ctx.arm}${scope}/providers/Microsoft.Authorization/roleAssignments?$filter=${encodeURIComponent(filter)}&api-version=${API}`,
  );
  if (!ok(r)) throw restError(r, `list role assignments at ${scope}`);
  return (r.body as { value?: RoleAssignment[] }).value ?? [];
}

export async function roleAssignmentCommand(io: CommandIo, verb: string): Promise<CommandResult> {
  const definitions = await roleDefinitions(io);
  if (verb === 'create') {
    const role = opt(io.args, 'role');
    if (!role) throw usageError('the following arguments are required: --role');
    const principal = principalOf(io, true)!;
    const scope = scopeOf(io);
    const definition = await resolveRole(io, role);
    // A stable name: the same create run twice is answered like Azure's duplicate, not a second assignment.
    const hex = createHash('sha256')
      .update(`${scope.toLowerCase()}|${principal.toLowerCase()}|${definition.name}`)
      .digest('hex');
    const name = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
    const body = {
      properties: {
        roleDefinitionId: definition.id,
        principalId: principal,
        principalType: opt(io.args, 'assignee-principal-type') ?? 'ServicePrincipal',
      },
    };
    const r = await io.http.send(
      'PUT',
      `${io.ctx.arm}${scope}/providers/Microsoft.Authorization/roleAssignments/${name}?api-version=${API}`,
      body,
    );
    if (!ok(r)) throw restError(r, `assign role '${role}' to ${principal} at ${scope}`);
    return { value: view(r.body as RoleAssignment, definitions) };
  }
  if (verb === 'list') {
    const principal = principalOf(io, false);
    const role = opt(io.args, 'role');
    const definition = role ? await resolveRole(io, role) : undefined;
    const scope = scopeOf(io);
    const all = await listAt(io, scope, principal);
    const wanted = all.filter(
      (a) =>
        !definition || a.properties.roleDefinitionId.toLowerCase().endsWith(definition.name.toLowerCase()),
    );
    return { value: wanted.map((a) => view(a, definitions)) };
  }
  if (verb === 'delete') {
    const ids = io.args.options.get('ids') ?? [];
    let targets: string[] = ids;
    if (targets.length === 0) {
      const principal = principalOf(io, false);
      const role = opt(io.args, 'role');
      const definition = role ? await resolveRole(io, role) : undefined;
      const scope = scopeOf(io);
      targets = (await listAt(io, scope, principal))
        .filter((a) => a.properties.scope.toLowerCase() === scope.toLowerCase())
        .filter(
          (a) =>
            !definition ||
            a.properties.roleDefinitionId.toLowerCase().endsWith(definition.name.toLowerCase()),
        )
        .map((a) => a.id);
    }
    for (const id of targets) {
      const r = await io.http.send('DELETE', `${io.ctx.arm}${id}?api-version=${API}`);
      if (!ok(r) && r.status !== 204) throw restError(r, `delete role assignment ${id}`);
    }
    return {};
  }
  return { value: {}, simulated: true };
}
