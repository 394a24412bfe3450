// Client options shared by the ARM-family SDKs: endpoint and token scope injectable (Azure, sovereign cloud or the
// loopback sandbox), and the SDK's own retries off so adapters/retry.ts is the one policy.
import type { TokenCredential } from '@azure/core-auth';
import type { RetryOptions } from './retry';

const PUBLIC_ARM_ENDPOINT = 'https://management.azure.com';
export const PUBLIC_GRAPH_ENDPOINT = 'https://graph.microsoft.com';

export interface ArmContext {
  credential: TokenCredential;
  subscriptionId: string;
  /** ARM base URL; defaults to the public cloud. */
  armEndpoint?: string;
  retry?: RetryOptions;
  /** Long-running operation poll interval; the SDK default (seconds) is too slow for tests. */
  pollIntervalInMs?: number;
  /** Extra trusted CA (PEM) for a private endpoint such as the sandbox. */
  tlsCa?: string;
}

const tls = (context: ArmContext) => (context.tlsCa ? { tlsOptions: { ca: context.tlsCa } } : {});

function armEndpointOf(context: Pick<ArmContext, 'armEndpoint'>): string {
  return (context.armEndpoint ?? PUBLIC_ARM_ENDPOINT).replace(/\/+$/, '');
}

/** The token audience is the ARM origin: management.azure.com in Azure, the sovereign host elsewhere. */
function armScope(context: Pick<ArmContext, 'armEndpoint'>): string {
  return `${new URL(armEndpointOf(context)).origin}/.default`;
}

/** Options for the TypeSpec-generated clients (arm-resources 8, arm-resourcegraph 5, arm-appcontainers 4). */
export function modernArmOptions(context: ArmContext) {
  return {
    endpoint: armEndpointOf(context),
    credentials: { scopes: [armScope(context)] },
    retryOptions: { maxRetries: 0 },
    ...tls(context),
  };
}

/** Options for the AutoRest-generated clients (arm-authorization 9). */
export function classicArmOptions(context: ArmContext) {
  return {
    endpoint: armEndpointOf(context),
    credentialScopes: [armScope(context)],
    retryOptions: { maxRetries: 0 },
    ...tls(context),
  };
}
