// `az login`, `az account …`: nothing to sign in to in the sandbox; answers with the sandbox subscription.
import { opt } from './args';
import type { CommandIo, CommandResult } from './io';

function account(io: CommandIo): Record<string, unknown> {
  return {
    cloudName: 'AzureCloud',
    id: io.ctx.subscriptionId,
    tenantId: io.ctx.tenantId,
    homeTenantId: io.ctx.tenantId,
    isDefault: true,
    name: 'HayMaker Sandbox',
    state: 'Enabled',
    user: { name: opt(io.args, 'username') ?? 'haymaker-sandbox', type: 'servicePrincipal' },
  };
}

export function accountCommand(io: CommandIo, path: string[]): CommandResult {
  if (path[0] === 'login') return { value: [account(io)] };
  if (path[0] === 'logout') return {};
  const verb = path[1];
  if (verb === 'show') return { value: account(io) };
  if (verb === 'list') return { value: [account(io)] };
  if (verb === 'set') return {};
  if (verb === 'get-access-token')
    return {
      value: {
        accessToken: 'haymaker-sandbox-token',
        tokenType: 'Bearer',
        subscription: io.ctx.subscriptionId,
        tenant: io.ctx.tenantId,
      },
    };
  return { value: {}, simulated: true };
}
