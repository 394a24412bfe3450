import type { Sandbox } from '../../../sandbox';

/**
 * Options for the ARM-family SDK clients (arm-resources, arm-authorization, arm-resourcegraph 5,
 * arm-appcontainers): the sandbox endpoint, its CA trusted in-process, and fast retries/polls.
 */
export function armClientOptions(sandbox: Sandbox, extra: { maxRetries?: number } = {}) {
  return {
    endpoint: sandbox.endpoints.arm,
    credentialScopes: ['https://management.azure.com/.default'],
    tlsOptions: { ca: sandbox.caCert },
    retryOptions: { maxRetries: extra.maxRetries ?? 3, retryDelayInMs: 10, maxRetryDelayInMs: 50 },
  };
}

/** LRO poll options that keep tests fast. */
export const fastPoll = { updateIntervalInMs: 10 };
