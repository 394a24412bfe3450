// Client options shared by the ARM-family SDKs: endpoint and token scope injectable (Azure, sovereign cloud or the
// loopback sandbox), the SDK's own retries off so adapters/retry.ts is the one policy, and ARM's buckets paced.
import type { TokenCredential } from '@azure/core-auth';
import type { ArmPacer } from './arm-pacing/arm-pacer';
import { armPacingPolicy, sharedArmPacer } from './arm-pacing/pacing-policy';
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
  /**
   * Paces requests to ARM's token buckets; by default the one pacer this process keeps for the credential and
   * endpoint (tests inject one on a manual clock).
   */
  pacer?: ArmPacer;
}

const tls = (context: ArmContext) => (context.tlsCa ? { tlsOptions: { ca: context.tlsCa } } : {});

/** The pacer an ARM client of this context shares with every other client of the same identity. */
export function armPacerOf(context: ArmContext): ArmPacer {
  return context.pacer ?? sharedArmPacer(context.credential, armEndpointOf(context));
}

const pacing = (context: ArmContext) => ({
  additionalPolicies: [{ policy: armPacingPolicy(armPacerOf(context)), position: 'perRetry' as const }],
});

export function armEndpointOf(context: Pick<ArmContext, 'armEndpoint'>): string {
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
    ...pacing(context),
    ...tls(context),
  };
}

/** Options for the AutoRest-generated clients (arm-authorization 9). */
export function classicArmOptions(context: ArmContext) {
  return {
    endpoint: armEndpointOf(context),
    credentialScopes: [armScope(context)],
    retryOptions: { maxRetries: 0 },
    ...pacing(context),
    ...tls(context),
  };
}
