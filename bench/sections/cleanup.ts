// cleanup.*: force-delete a run's leftovers through the real forceDeleteResources activity and ARM adapter against the
// sandbox, whose ARM answers with Azure's token buckets and headers, and compare with what those buckets allow at best.
//
// How the bounds follow from ARM's documented buckets (core/arm-limits.ts: deletes 200 + 10/s per principal, reads
// 250 + 25/s in a bucket of their own):
// - minArmCalls: the DELETE requests alone — one per resource group of the run's among the leftovers, one per leftover
//   resource whose group is not among them. No cleanup can send fewer; every read (proving ownership, confirming) comes on top and is counted in
//   armCalls, as are LRO polls and any 429.
// - lowerBoundMs: those deletes drain a full delete bucket and then go at its refill rate, so they cannot all be sent
//   before (deletes - 200) / 10 seconds. The reads spend another bucket and can overlap; the sandbox's operations finish
//   at once (armOperationDelayMs 0), so nothing else is bound to take time.
import { ResourceManagementClient } from '@azure/arm-resources';
import { createArmResources } from '../../adapters/arm-resources';
import { modernArmOptions, type ArmContext } from '../../adapters/client-options';
import { createMemoryAuditStore } from '../../adapters/memory-audit-store';
import { realSleep } from '../../adapters/retry';
import type { TaggedResource } from '../../contract/activities';
import { createForceDeleteResources } from '../../activities/force-delete-resources';
import { RESOURCE_GROUP_CREATED, resourceGroupEventId } from '../../activities/run-resource-groups';
import type { AuditStore } from '../../adapters/audit-store';
import { azureArmThrottle } from '../../core/arm-limits';
import type { HayMakerSettings } from '../../core/config';
import { haymakerTags } from '../../core/tags';
import { startSandbox, type Sandbox } from '../../sandbox';

const RUN_ID = '5eed0000-0000-4000-8000-00000000c1ea';
const SCENARIO = 'bench-01-leftovers';

export function deleteLowerBound(
  deletes: number,
  bucket = azureArmThrottle.deletes!,
): { lowerBoundMs: number; minArmCalls: number } {
  return {
    lowerBoundMs: Math.max(0, Math.ceil(((deletes - bucket.capacity) / bucket.refillPerSecond) * 1000)),
    minArmCalls: deletes,
  };
}

export interface Case {
  leftovers: number;
  groups: number;
  /**
   * Whether the groups themselves are among the leftovers, so each goes with one DELETE. Either way they are the run's
   * (recorded as createResourceGroups records them): nothing outside a run's groups is ever deleted.
   */
  groupsAreTheRuns: boolean;
}

export async function measureCleanup(c: Case): Promise<Record<string, unknown>> {
  const sandbox = await startSandbox({ settings: { armOperationDelayMs: 0 } });
  try {
    // Force delete runs as the orchestrator, with only the identities table's grants (its own ARM buckets too).
    const context: ArmContext = {
      credential: sandbox.credentialFor('orchestrator'),
      subscriptionId: sandbox.subscriptionId,
      armEndpoint: sandbox.endpoints.arm,
      tlsCa: sandbox.caCert,
      pollIntervalInMs: 50,
    };
    const audit = createMemoryAuditStore();
    const resources = await seed(sandbox, context, audit, c);
    const forceDelete = createForceDeleteResources({
      settings: { subscriptionId: sandbox.subscriptionId } as HayMakerSettings,
      arm: createArmResources(context),
      audit,
      now: () => new Date(),
      sleep: realSleep,
    });
    const before = sandbox.requestLog().length;
    const started = performance.now();
    const result = await forceDelete({ runId: RUN_ID, resources });
    const wallMs = Math.round(performance.now() - started);
    const calls = sandbox
      .requestLog()
      .slice(before)
      .filter((r) => r.endpoint === 'arm');
    const deletes = c.groupsAreTheRuns ? c.groups : c.leftovers;
    return {
      wallMs,
      armCalls: calls.length,
      ...deleteLowerBound(deletes),
      throttled429: calls.filter((r) => r.status === 429).length,
      deleteCalls: calls.filter((r) => r.method === 'DELETE').length,
      readCalls: calls.filter((r) => r.method === 'GET').length,
      resourceGroups: c.groups,
      deleted: result.deleted.length,
      alreadyGone: result.alreadyGone.length,
      failed: result.failed.length,
    };
  } finally {
    await sandbox.stop();
  }
}

/**
 * The run's groups, created through ARM as the orchestrator and recorded as the run's (as createResourceGroups does),
 * with the leftovers spread evenly over them, as findTaggedResources would report them (groups included or not).
 */
async function seed(
  sandbox: Sandbox,
  context: ArmContext,
  audit: AuditStore,
  c: Case,
): Promise<TaggedResource[]> {
  const tags = haymakerTags({
    runId: RUN_ID,
    scenarioId: SCENARIO,
    createdAt: '2026-01-01T00:00:00Z',
    expiresAt: '2026-01-01T12:00:00Z',
  });
  const resources: TaggedResource[] = [];
  const group = (g: number) => `rg-bench-${g}`;
  // Through ARM, paced like any client, so the groups exist as the run created them (before the clock starts).
  const arm = new ResourceManagementClient(
    context.credential,
    context.subscriptionId,
    modernArmOptions(context),
  );
  for (let g = 0; g < c.groups; g++) {
    const id = `/subscriptions/${sandbox.subscriptionId}/resourceGroups/${group(g)}`;
    await audit.recordEvent({
      eventId: resourceGroupEventId(RUN_ID, SCENARIO, id),
      runId: RUN_ID,
      scenarioId: SCENARIO,
      type: RESOURCE_GROUP_CREATED,
      source: 'orchestrator',
      timestamp: '2026-01-01T00:00:00.000Z',
      data: { resourceGroupId: id },
    });
    await arm.resourceGroups.createOrUpdate(group(g), { location: sandbox.location, tags: { ...tags } });
    if (c.groupsAreTheRuns)
      resources.push({
        id,
        type: 'Microsoft.Resources/resourceGroups',
        name: group(g),
        scenarioId: SCENARIO,
        kind: 'resourceGroup',
      });
  }
  for (let i = 0; i < c.leftovers; i++) {
    const g = group(i % c.groups);
    const id = `/subscriptions/${sandbox.subscriptionId}/resourceGroups/${g}/providers/Microsoft.Network/networkSecurityGroups/nsg-${i}`;
    sandbox.admin.putDecoyResource({ id, tags: { ...tags }, location: sandbox.location });
    resources.push({
      id,
      type: 'Microsoft.Network/networkSecurityGroups',
      name: `nsg-${i}`,
      resourceGroup: g,
      scenarioId: SCENARIO,
      kind: 'resource',
    });
  }
  return resources;
}

async function cleanupFigures(): Promise<Record<string, unknown>> {
  return {
    // Leftovers in the run's groups, reported without their groups (which the run keeps): each costs its own DELETE.
    leftovers2000: await measureCleanup({ leftovers: 2_000, groups: 20, groupsAreTheRuns: false }),
    // The run's own groups: one DELETE per group, whatever it holds.
    leftovers20000: await measureCleanup({ leftovers: 20_000, groups: 500, groupsAreTheRuns: true }),
  };
}

export const cleanupSection = { name: 'cleanup', run: cleanupFigures };
