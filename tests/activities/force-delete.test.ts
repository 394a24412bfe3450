// forceDeleteResources against the sandbox on one manual clock: a group that is the run's goes with one DELETE, the
// batch is confirmed by listings once ARM's Retry-After has passed (not by polling each operation), a delete whose
// operation fails is reported, and the ownership rule alone decides what is deleted.
import { ResourceManagementClient } from '@azure/arm-resources';
import { createActivityHandlers } from '../../activities';
import type { ActivityHandlers, TaggedResource } from '../../contract/activities';
import { decideOwnership, NOT_THE_RUNS } from '../../activities/force-delete/ownership';
import { RESOURCE_GROUP_CREATED, resourceGroupEventId } from '../../activities/run-resource-groups';
import type { AuditStore } from '../../adapters/audit-store';
import { ArmPacer } from '../../adapters/arm-pacing/arm-pacer';
import { modernArmOptions } from '../../adapters/client-options';
import { createMemoryAuditStore } from '../../adapters/memory-audit-store';
import { parseResourceId } from '../../adapters/resource-id';
import { createDependencies } from '../../app/dependencies';
import { startSandbox, type Sandbox } from '../../sandbox';
import { cloudServices, runTags } from '../adapters/helpers/sandbox-context';
import { virtualClock, type VirtualClock } from '../adapters/helpers/virtual-clock';
import { sandboxSettings } from './helpers/sandbox-deps';

const RUN = 'run0force-0001';
let clock: VirtualClock;
let sandbox: Sandbox;
let handlers: ActivityHandlers;
let audit: AuditStore;

const rg = (name: string) => `/subscriptions/${sandbox.subscriptionId}/resourceGroups/${name}`;
const nsgId = (group: string, i: number) =>
  `${rg(group)}/providers/Microsoft.Network/networkSecurityGroups/nsg-${i}`;
const leftover = (id: string): TaggedResource => {
  const p = parseResourceId(id);
  return { id, type: p.fullType, name: p.name, kind: p.kind };
};
const put = (id: string, tags: Record<string, string> = runTags(RUN, 'network-01-nsg')) =>
  sandbox.admin.putDecoyResource({ id, location: 'eastus', tags });
const calls = (before: number) => sandbox.requestLog().slice(before);
const count = (before: number, operation: string) =>
  calls(before).filter((e) => e.operation === operation).length;
const exists = (id: string) => {
  const arm = sandbox.state().arm as { resources: Record<string, unknown>; groups: Record<string, unknown> };
  return Boolean(arm.resources[id.toLowerCase()] ?? arm.groups[id.toLowerCase()]);
};

beforeEach(async () => {
  clock = virtualClock();
  sandbox = await startSandbox({ services: cloudServices(), clock });
  audit = createMemoryAuditStore();
  // Force delete runs as the orchestrator principal, with only the identities table's grants.
  const deps = await createDependencies(sandboxSettings(sandbox), {
    credential: sandbox.credentialFor('orchestrator'),
    tlsCa: sandbox.caCert,
    audit,
    pollIntervalInMs: 10,
    now: clock.date,
    sleep: clock.sleep,
    pacer: new ArmPacer({ now: clock.now, sleep: clock.sleep }),
  });
  handlers = createActivityHandlers(deps);
});
afterEach(async () => {
  await sandbox?.stop();
});

/** Records a group as created by the orchestrator for RUN, as createResourceGroups does. */
const ownGroup = (name: string) =>
  audit.recordEvent({
    eventId: resourceGroupEventId(RUN, 'network-01-nsg', rg(name)),
    runId: RUN,
    scenarioId: 'network-01-nsg',
    type: RESOURCE_GROUP_CREATED,
    source: 'orchestrator',
    timestamp: '2026-01-01T00:00:00.000Z',
    data: { resourceGroupId: rg(name) },
  });

describe('forceDeleteResources: strategy and confirmation', () => {
  it("deletes a group that is the run's with one DELETE, a leftover in another of its groups alone, and nothing that only carries its tags", async () => {
    // The run's group: created for the run, holding 40 of its resources. Another of its groups (kept): one leftover.
    // A foreign group: a resource tagged with the run's tags, which must survive.
    for (let i = 0; i < 40; i++) put(nsgId('rg-run', i));
    await tagGroup('rg-run', runTags(RUN, 'network-01-nsg'));
    await ownGroup('rg-run');
    await tagGroup('rg-kept', runTags(RUN, 'network-01-nsg'));
    await ownGroup('rg-kept');
    put(nsgId('rg-kept', 1));
    put(nsgId('rg-shared', 2));
    const inGroup = Array.from({ length: 40 }, (_, i) => leftover(nsgId('rg-run', i)));
    const before = sandbox.requestLog().length;
    const result = await handlers.forceDeleteResources({
      runId: RUN,
      resources: [
        leftover(rg('rg-run')),
        ...inGroup,
        leftover(nsgId('rg-kept', 1)),
        leftover(nsgId('rg-shared', 2)),
      ],
    });
    expect(result.failed).toEqual([]);
    expect(result.deleted.sort()).toEqual([rg('rg-run'), nsgId('rg-kept', 1)].sort());
    expect(result.alreadyGone).toHaveLength(40);
    expect(result.skipped).toEqual([{ id: nsgId('rg-shared', 2), reason: NOT_THE_RUNS }]);
    expect(exists(rg('rg-run'))).toBe(false);
    expect(exists(nsgId('rg-shared', 2))).toBe(true);
    // Two DELETEs; reads: the group listing twice (decide, confirm), the group listings below, one provider.
    expect(
      calls(before)
        .filter((e) => e.method === 'DELETE')
        .map((e) => e.operation),
    ).toEqual(['ResourceGroups_Delete', 'Resources_DeleteById']);
    expect(count(before, 'ResourceGroups_List')).toBe(2);
    // The kept group's listing twice (decide, confirm), the foreign group's once (decide: not the run's).
    expect(count(before, 'Resources_ListByResourceGroup')).toBe(3);
    expect(calls(before).filter((e) => e.status === 429)).toEqual([]);
    expect(calls(before)).toHaveLength(8);
  });

  it("waits for ARM's Retry-After before confirming, then confirms the batch by listing, not by polling each operation", async () => {
    for (let i = 0; i < 30; i++) put(nsgId(`rg-lro-${i % 3}`, i));
    for (let g = 0; g < 3; g++) await ownGroup(`rg-lro-${g}`);
    sandbox.settings.armOperationDelayMs = 5_000;
    const before = sandbox.requestLog().length;
    const t0 = clock.now();
    const result = await handlers.forceDeleteResources({
      runId: RUN,
      resources: Array.from({ length: 30 }, (_, i) => leftover(nsgId(`rg-lro-${i % 3}`, i))),
    });
    expect(result.deleted).toHaveLength(30);
    expect(clock.now() - t0).toBeGreaterThanOrEqual(5_000);
    expect(count(before, 'Resources_DeleteById')).toBe(30);
    // One listing per group to decide, one per group to confirm; no operation was polled.
    expect(count(before, 'Resources_ListByResourceGroup')).toBe(6);
    expect(count(before, 'Operations_Result') + count(before, 'Operations_Status')).toBe(0);
  });

  it('hands back a delete ARM is still running when its budget is spent, instead of waiting past the function timeout', async () => {
    await tagGroup('rg-slow', runTags(RUN, 'network-01-nsg'));
    await ownGroup('rg-slow');
    put(nsgId('rg-slow', 1));
    // A group delete that takes ARM twenty minutes (an AKS cluster's group can take longer).
    sandbox.settings.armOperationDelayMs = 20 * 60_000;
    const t0 = clock.now();
    const result = await handlers.forceDeleteResources({
      runId: RUN,
      resources: [leftover(rg('rg-slow')), leftover(nsgId('rg-slow', 1))],
    });
    expect(result.failed).toEqual([]);
    expect(result.deleted).toEqual([]);
    expect(result.inProgress?.sort()).toEqual([rg('rg-slow'), nsgId('rg-slow', 1)].sort());
    // Within the call's budget (4 minutes), far below host.json's 10-minute functionTimeout.
    expect(clock.now() - t0).toBeLessThanOrEqual(4 * 60_000);
    // The next call, after ARM finished, confirms it.
    await clock.sleep(20 * 60_000);
    const again = await handlers.forceDeleteResources({ runId: RUN, resources: [leftover(rg('rg-slow'))] });
    expect([...again.deleted, ...again.alreadyGone]).toEqual([rg('rg-slow')]);
    expect(again.inProgress).toEqual([]);
  });

  it('reports a delete whose operation failed, asking that operation alone', async () => {
    for (let i = 0; i < 3; i++) put(nsgId('rg-fail', i));
    await ownGroup('rg-fail');
    sandbox.faults.add({
      service: 'arm',
      operation: 'Resources_DeleteById',
      kind: 'lro-fail',
      schedule: [2],
    });
    const before = sandbox.requestLog().length;
    const result = await handlers.forceDeleteResources({
      runId: RUN,
      resources: [0, 1, 2].map((i) => leftover(nsgId('rg-fail', i))),
    });
    expect(result.deleted).toHaveLength(2);
    expect(result.failed).toEqual([{ id: nsgId('rg-fail', 1), error: expect.stringContaining('lro-fail') }]);
    expect(count(before, 'Operations_Result') + count(before, 'Operations_Status')).toBe(1);
  });
});

describe('ownership decision (pure)', () => {
  const group = '/subscriptions/s/resourcegroups/g';
  const target = parseResourceId('/subscriptions/s/resourceGroups/g/providers/Microsoft.Web/sites/a');
  const info = (tags: Record<string, string>, managedBy?: string) => ({
    id: target.id,
    name: 'a',
    type: 'Microsoft.Web/sites',
    tags,
    ...(managedBy ? { managedBy } : {}),
  });
  it("deletes what lies in the run's own groups, counts what is not there as gone, and leaves everything else alone", () => {
    expect(decideOwnership(new Set([group]), [target], () => info(runTags(RUN, 'web-01')))).toEqual({
      deletions: [{ target, scenarioId: 'web-01' }],
      alreadyGone: [],
      skipped: [],
    });
    // Untagged, but in the run's group: still the run's (the group goes whole anyway).
    expect(decideOwnership(new Set([group]), [target], () => info({})).deletions).toHaveLength(1);
    expect(decideOwnership(new Set([group]), [target], () => null).alreadyGone).toEqual([target.id]);
    expect(decideOwnership(new Set([group]), [target], () => undefined).skipped[0]!.reason).toMatch(
      /could not be asked/,
    );
  });

  it("never deletes a resource for carrying the run's tags: only a run group, or a group managed from one, makes it the run's", () => {
    expect(
      decideOwnership(new Set(['/subscriptions/s/resourcegroups/other']), [target], () =>
        info(runTags(RUN, 'web-01')),
      ),
    ).toEqual({
      deletions: [],
      alreadyGone: [],
      skipped: [{ id: target.id, reason: NOT_THE_RUNS }],
    });
    const nodeGroup = parseResourceId('/subscriptions/s/resourceGroups/aks-nodes');
    const managed = {
      id: nodeGroup.id,
      name: 'aks-nodes',
      type: 'Microsoft.Resources/resourceGroups',
      tags: {},
    };
    const cluster =
      '/subscriptions/s/resourceGroups/g/providers/Microsoft.ContainerService/managedClusters/k';
    expect(
      decideOwnership(new Set([group]), [nodeGroup], () => ({ ...managed, managedBy: cluster })).deletions,
    ).toHaveLength(1);
    expect(decideOwnership(new Set([group]), [nodeGroup], () => managed).deletions).toHaveLength(0);
  });
});

/** Creates or tags a group as the orchestrator would (createResourceGroups signs in as it). */
async function tagGroup(name: string, tags: Record<string, string>): Promise<void> {
  const orchestrator = sandbox.credentialFor('orchestrator');
  const arm = new ResourceManagementClient(
    orchestrator,
    sandbox.subscriptionId,
    modernArmOptions({
      credential: orchestrator,
      subscriptionId: sandbox.subscriptionId,
      armEndpoint: sandbox.endpoints.arm,
      tlsCa: sandbox.caCert,
      pacer: new ArmPacer({ now: clock.now, sleep: clock.sleep }),
    }),
  );
  await arm.resourceGroups.createOrUpdate(name, { location: 'eastus', tags });
}
