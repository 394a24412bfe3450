// Adapter contexts pointed at a running sandbox: real SDK clients, the sandbox CA trusted in-process, fast polls,
// and a recording sleep so retries cost no wall time.
import type { Sandbox } from '../../../sandbox';
import { ArmPacer } from '../../../adapters/arm-pacing/arm-pacer';
import type { ArmContext } from '../../../adapters/client-options';
import type { RetryOptions } from '../../../adapters/retry';

export interface RecordingRetry extends RetryOptions {
  waits: number[];
}

export function recordingRetry(): RecordingRetry {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

/**
 * A pacer whose waits cost no wall time: its clock runs ahead by every wait it asked for. (A 429's Retry-After holds
 * its bucket; the retry policy's recording sleep would otherwise leave the pacer to wait it out for real.)
 */
export function instantPacer(): ArmPacer {
  let ahead = 0;
  return new ArmPacer({ now: () => Date.now() + ahead, sleep: async (ms) => void (ahead += ms) });
}

export function armContext(sandbox: Sandbox, retry: RetryOptions = recordingRetry()): ArmContext {
  return {
    pacer: instantPacer(),
    // The adapters run as the orchestrator in Azure: its principal, with only the identities table's grants.
    credential: sandbox.credentialFor('orchestrator'),
    subscriptionId: sandbox.subscriptionId,
    armEndpoint: sandbox.endpoints.arm,
    tlsCa: sandbox.caCert,
    pollIntervalInMs: 10,
    retry,
  };
}

/** Tags of a HayMaker resource of a run/scenario. */
export const runTags = (runId: string, scenarioId: string): Record<string, string> => ({
  'AzureHayMaker-managed': 'true',
  Scenario: scenarioId,
  Owner: 'AzureHayMaker',
  ExecutionId: runId,
  CreatedAt: '2026-01-01T00:00:00.000Z',
  ExpiresAt: '2026-01-01T12:00:00.000Z',
});

/** The sandbox without the AMQP broker and the Anthropic endpoint, which most adapter tests do not use (faster start). */
export function cloudServices() {
  const { serviceFactories } =
    require('../../../sandbox/services') as typeof import('../../../sandbox/services');
  const { createServiceBusService } =
    require('../../../sandbox/servicebus/service') as typeof import('../../../sandbox/servicebus/service');
  const { createAnthropicService } =
    require('../../../sandbox/anthropic/service') as typeof import('../../../sandbox/anthropic/service');
  return serviceFactories.filter((f) => f !== createServiceBusService && f !== createAnthropicService);
}
