// Which handler answers a command path; anything unknown is a recorded simulated success.
// Handlers load on demand: az is one process per call, and loading every command module cost each call's start-up
// more than the one it runs.
import type { CommandIo, CommandResult } from './io';

export async function dispatch(io: CommandIo): Promise<CommandResult> {
  const path = io.args.path;
  const verb = path[path.length - 1];
  const head = path.slice(0, -1).join(' ');
  if (path[0] === 'login' || path[0] === 'logout' || path[0] === 'account')
    return (require('./account-commands') as typeof import('./account-commands')).accountCommand(io, path);
  if (path.length === 1 && path[0] === 'rest')
    return (require('./rest-command') as typeof import('./rest-command')).restCommand(io);
  if (head === 'group')
    return (require('./group-commands') as typeof import('./group-commands')).groupCommand(io, verb);
  if (head === 'role assignment')
    return (require('./role-commands') as typeof import('./role-commands')).roleAssignmentCommand(io, verb);
  if (head === 'ad app' || head === 'ad sp')
    return (require('./ad-commands') as typeof import('./ad-commands')).adCommand(
      io,
      path[1] as 'app' | 'sp',
      verb,
    );
  if (head === 'policy assignment')
    return (require('./policy-commands') as typeof import('./policy-commands')).policyAssignmentCommand(
      io,
      verb,
    );
  if (head === 'monitor diagnostic-settings')
    return (
      require('./diagnostic-settings-commands') as typeof import('./diagnostic-settings-commands')
    ).diagnosticSettingsCommand(io, verb);
  if (head === 'policy state')
    return (require('./policy-commands') as typeof import('./policy-commands')).policyStateCommand(io, verb);
  if (head === 'keyvault secret')
    return (
      require('./keyvault-secret-commands') as typeof import('./keyvault-secret-commands')
    ).keyVaultSecretCommand(io, verb);
  if (head === 'resource')
    return (
      require('./generic-resource-commands') as typeof import('./generic-resource-commands')
    ).genericResourceCommand(io, verb);
  if (head === 'tag')
    return (
      require('./generic-resource-commands') as typeof import('./generic-resource-commands')
    ).tagCommand(io, verb);
  if ((path[0] === 'webapp' || path[0] === 'functionapp') && (path[1] === 'config' || path[1] === 'log'))
    return (require('./web-config-commands') as typeof import('./web-config-commands')).webConfigCommand(
      io,
      path.slice(1),
    );
  // Purges act on deleted resources, which the sandbox does not keep: nothing to do.
  if (verb === 'purge') return { simulated: true };
  const table = require('./command-table') as typeof import('./command-table');
  const match = table.findCommand(path);
  if (match)
    return (require('./resource-commands') as typeof import('./resource-commands')).resourceCommand(
      io,
      match.group,
      match.entry,
      match.rest,
    );
  return { value: {}, simulated: true };
}
