// The resources the sandbox's Entra issues tokens for, and the audiences each service accepts.
// A v1.0 token's `aud` is the resource's identifier as the client asked for it (scope minus `/.default`).

export const armAudiences = [
  'https://management.core.windows.net/',
  'https://management.core.windows.net',
  'https://management.azure.com/',
  'https://management.azure.com',
] as const;
export const graphAudiences = [
  'https://graph.microsoft.com',
  'https://graph.microsoft.com/',
  '00000003-0000-0000-c000-000000000000',
] as const;
export const keyVaultAudiences = ['https://vault.azure.net', 'https://vault.azure.net/'] as const;
export const serviceBusAudiences = ['https://servicebus.azure.net', 'https://servicebus.azure.net/'] as const;

/** Resource (scope without `/.default`, trailing slashes dropped) → the `aud` Entra writes into its tokens. */
const canonical: Record<string, string> = {
  'https://management.azure.com': 'https://management.azure.com/',
  'https://management.core.windows.net': 'https://management.core.windows.net/',
  'https://graph.microsoft.com': 'https://graph.microsoft.com',
  'https://vault.azure.net': 'https://vault.azure.net',
  'https://servicebus.azure.net': 'https://servicebus.azure.net',
};

/**
 * The audience of a token asked for with `scope` (`https://vault.azure.net/.default` → `https://vault.azure.net`).
 * `aliases` maps other resource identifiers to a known one: clients that derive the scope from the endpoint they
 * call (as for a sovereign cloud) ask for the sandbox's own URLs.
 */
export function audienceForScope(scope: string, aliases: Record<string, string> = {}): string | undefined {
  const first = scope.split(/\s+/).find((s) => s.endsWith('/.default')) ?? '';
  const resource = first.slice(0, -'.default'.length).replace(/\/+$/, '').toLowerCase();
  return canonical[resource] ?? canonical[aliases[resource] ?? ''];
}

/** The sandbox's endpoint origins as resource identifiers of the services behind them. */
export function endpointAliases(endpoints: {
  arm: string;
  graph: string;
  keyVault: string;
}): Record<string, string> {
  const origin = (url: string) => (url ? new URL(url).origin.toLowerCase() : '');
  return {
    [origin(endpoints.arm)]: 'https://management.azure.com',
    [origin(endpoints.graph)]: 'https://graph.microsoft.com',
    [origin(endpoints.keyVault)]: 'https://vault.azure.net',
  };
}

export const isGraphAudience = (audience: string) =>
  graphAudiences.some((a) => a.toLowerCase() === audience.toLowerCase());
