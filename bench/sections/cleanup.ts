// cleanup.leftovers2000: force-delete 2,000 leftovers through the real forceDeleteResources activity and ARM adapter
// against the sandbox, under its ARM token buckets (Azure's figures), and compare with what the buckets allow at best.
import { createArmResources } from '../../adapters/arm-resources';
import { createMemoryAuditStore } from '../../adapters/memory-audit-store';
import type { TaggedResource } from '../../contract/activities';
import { createForceDeleteResources } from '../../activities/force-delete-resources';
import type { HayMakerSettings } from '../../core/config';
import { haymakerTags } from '../../core/tags';
import { azureArmThrottle } from '../../sandbox/core/faults';
import { startSandbox } from '../../sandbox';

const LEFTOVERS = 2000;
const GROUPS = 20;
const RUN_ID = '5eed0000-0000-4000-8000-00000000c1ea';

/**
 * One DELETE per resource is the least a per-resource cleanup can send; the delete bucket starts full (capacity) and
 * refills at a fixed rate, so N deletes cannot finish before (N - capacity) / refill seconds.
 */
export function deleteLowerBound(
  n: number,
  bucket = azureArmThrottle.deletes!,
): { lowerBoundMs: number; minArmCalls: number } {
  return {
    lowerBoundMs: Math.max(0, Math.ceil(((n - bucket.capacity) / bucket.refillPerSecond) * 1000)),
    minArmCalls: n,
  };
}

async function leftovers2000(): Promise<Record<string, unknown>> {
  const sandbox = await startSandbox({ settings: { armOperationDelayMs: 0 } });
  try {
    const tags = haymakerTags({
      runId: RUN_ID,
      scenarioId: 'bench-01-leftovers',
      createdAt: '2026-01-01T00:00:00Z',
      expiresAt: '2026-01-01T12:00:00Z',
    });
    const resources: TaggedResource[] = [];
    for (let i = 0; i < LEFTOVERS; i++) {
      // Untagged groups: the cleanup may not delete a group whole, so every resource costs its own DELETE.
      const id = `/subscriptions/${sandbox.subscriptionId}/resourceGroups/rg-bench-${i % GROUPS}/providers/Microsoft.Network/networkSecurityGroups/nsg-${i}`;
      sandbox.admin.putDecoyResource({ id, tags: { ...tags }, location: sandbox.location });
      resources.push({
        id,
        type: 'Microsoft.Network/networkSecurityGroups',
        name: `nsg-${i}`,
        resourceGroup: `rg-bench-${i % GROUPS}`,
        scenarioId: 'bench-01-leftovers',
        kind: 'resource',
      });
    }
    const arm = createArmResources({
      credential: sandbox.credential,
      subscriptionId: sandbox.subscriptionId,
      armEndpoint: sandbox.endpoints.arm,
      tlsCa: sandbox.caCert,
      pollIntervalInMs: 50,
    });
    const forceDelete = createForceDeleteResources({
      settings: { subscriptionId: sandbox.subscriptionId } as HayMakerSettings,
      arm,
      audit: createMemoryAuditStore(),
      now: () => new Date(),
    });
    const before = sandbox.requestLog().length;
    const started = performance.now();
    const result = await forceDelete({ runId: RUN_ID, resources });
    const wallMs = Math.round(performance.now() - started);
    const calls = sandbox
      .requestLog()
      .slice(before)
      .filter((r) => r.service === 'arm');
    const deletes = calls.filter((r) => r.method === 'DELETE');
    return {
      leftovers2000: {
        wallMs,
        armCalls: calls.length,
        ...deleteLowerBound(LEFTOVERS),
        deleteCalls: deletes.length,
        throttled429: calls.filter((r) => r.status === 429).length,
        deleted: result.deleted.length,
        failed: result.failed.length,
        note: 'real forceDeleteResources + ARM adapter vs sandbox ARM with Azure token buckets (deletes 200 + 10/s, reads 250 + 25/s); armCalls counts GET confirmations, DELETEs, LRO polls and 429 answers',
      },
    };
  } finally {
    await sandbox.stop();
  }
}

export const cleanupSection = { name: 'cleanup', run: leftovers2000 };
