import { json, type SandboxRequest, type SandboxResponse } from '../core/http';
import { issuerFor } from '../entra/tokens';

/**
 * Key Vault's refusal of a data action the caller's roles do not grant: 403 `Forbidden` with inner error
 * `ForbiddenByRbac`, naming the caller, the action and the resource (lower case, as Key Vault writes it).
 */
export function keyVaultRefusal(
  req: SandboxRequest,
  action: string,
  scope: string,
  vaultName: string,
  location: string,
): SandboxResponse {
  const caller = req.caller;
  const message = [
    'Caller is not authorized to perform action on resource.',
    'If role assignments, deny assignments or role definitions were changed recently, please observe propagation time.',
    `Caller: appid=${caller?.appId ?? ''};oid=${caller?.objectId ?? ''};iss=${issuerFor(caller?.tenantId ?? '')}`,
    `Action: '${action}'`,
    `Resource: '${scope.toLowerCase()}'`,
    'Assignment: (not found)',
    'DenyAssignmentId: null',
    "DecisionReason: 'DeniedWithNoValidRBAC' ",
    `Vault: ${vaultName};location=${location}`,
    '',
  ].join('\r\n');
  return json(403, { error: { code: 'Forbidden', message, innererror: { code: 'ForbiddenByRbac' } } });
}
