// Which handler answers a command path; anything unknown is a recorded simulated success.
import { accountCommand } from './account-commands';
import { adCommand } from './ad-commands';
import { findCommand } from './command-table';
import { diagnosticSettingsCommand } from './diagnostic-settings-commands';
import { genericResourceCommand, tagCommand } from './generic-resource-commands';
import { groupCommand } from './group-commands';
import type { CommandIo, CommandResult } from './io';
import { keyVaultSecretCommand } from './keyvault-secret-commands';
import { policyAssignmentCommand, policyStateCommand } from './policy-commands';
import { webConfigCommand } from './web-config-commands';
import { resourceCommand } from './resource-commands';
import { restCommand } from './rest-command';
import { roleAssignmentCommand } from './role-commands';

export async function dispatch(io: CommandIo): Promise<CommandResult> {
  const path = io.args.path;
  const verb = path[path.length - 1];
  const head = path.slice(0, -1).join(' ');
  if (path[0] === 'login' || path[0] === 'logout' || path[0] === 'account') return accountCommand(io, path);
  if (path.length === 1 && path[0] === 'rest') return restCommand(io);
  if (head === 'group') return groupCommand(io, verb);
  if (head === 'role assignment') return roleAssignmentCommand(io, verb);
  if (head === 'ad app' || head === 'ad sp') return adCommand(io, path[1] as 'app' | 'sp', verb);
  if (head === 'policy assignment') return policyAssignmentCommand(io, verb);
  if (head === 'monitor diagnostic-settings') return diagnosticSettingsCommand(io, verb);
  if (head === 'policy state') return policyStateCommand(io, verb);
  if (head === 'keyvault secret') return keyVaultSecretCommand(io, verb);
  if (head === 'resource') return genericResourceCommand(io, verb);
  if (head === 'tag') return tagCommand(io, verb);
  if ((path[0] === 'webapp' || path[0] === 'functionapp') && (path[1] === 'config' || path[1] === 'log'))
    return webConfigCommand(io, path.slice(1));
  // Purges act on deleted resources, which the sandbox does not keep: nothing to do.
  if (verb === 'purge') return { simulated: true };
  const match = findCommand(path);
  if (match) return resourceCommand(io, match.group, match.entry, match.rest);
  return { value: {}, simulated: true };
}
