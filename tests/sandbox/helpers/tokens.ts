import type { BuiltinPrincipalName, Sandbox } from '../../../sandbox';

const scopes = {
  arm: 'https://management.azure.com/.default',
  graph: 'https://graph.microsoft.com/.default',
  keyVault: 'https://vault.azure.net/.default',
  serviceBus: 'https://servicebus.azure.net/.default',
} as const;

/** An Authorization header for raw HTTPS calls: a token the sandbox issued to a built-in principal (admin by default). */
export async function bearer(
  sandbox: Sandbox,
  resource: keyof typeof scopes = 'arm',
  principal: BuiltinPrincipalName = 'admin',
): Promise<{ authorization: string }> {
  const token = await sandbox.credentialFor(principal).getToken(scopes[resource]);
  return { authorization: `Bearer ${token!.token}` };
}
