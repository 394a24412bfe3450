// A deleted principal is purged from directory/deletedItems only once Entra lists it there: right after the delete the
// purge gets 404 (the deletion has not replicated), and counting that 404 as "purged" left every scenario principal
// soft-deleted, against the 250 objects the orchestrator may own. The sandbox runs on a manual clock that the
// activity's waits advance, so the replication lag lasts exactly as long as the test says.
import { startSandbox, type Sandbox } from '../../sandbox';
import { createActivityHandlers } from '../../activities';
import type { ActivityHandlers, ScenarioContext } from '../../contract/activities';
import { createDependencies } from '../../app/dependencies';
import { createMemoryAuditStore } from '../../adapters/memory-audit-store';
import { DELETED_ITEM_WAITS_MS } from '../../activities/delete-principal';
import { sandboxSettings } from './helpers/sandbox-deps';
import { cloudServices } from '../adapters/helpers/sandbox-context';

describe('deletePrincipal purges what Entra lists late', () => {
  let sandbox: Sandbox;
  let handlers: ActivityHandlers;
  let nowMs = Date.parse('2026-04-01T00:00:00Z');
  const waits: number[] = [];
  const ctx = (scenarioId: string): ScenarioContext => ({
    runId: 'purge0lag-0001',
    scenarioId,
    createdAt: '2026-04-01T00:00:00.000Z',
    expiresAt: '2026-04-01T12:00:00.000Z',
  });
  const deletedItems = () =>
    Object.keys((sandbox.state().graph as { deleted: Record<string, unknown> }).deleted);

  beforeAll(async () => {
    sandbox = await startSandbox({ services: cloudServices(), clock: { now: () => nowMs } });
    const deps = await createDependencies(sandboxSettings(sandbox), {
      credential: sandbox.credentialFor('orchestrator'),
      tlsCa: sandbox.caCert,
      audit: createMemoryAuditStore(),
      pollIntervalInMs: 10,
      now: () => new Date(nowMs),
      // Waiting is time passing in Entra.
      sleep: async (ms) => {
        waits.push(ms);
        nowMs += ms;
      },
    });
    handlers = createActivityHandlers(deps);
  });
  afterAll(async () => {
    await sandbox?.stop();
  });

  it('waits until the deleted application and service principal are listed, purges them, and only then calls them gone', async () => {
    const principal = await handlers.provisionPrincipal(ctx('compute-01-vm'));
    sandbox.settings.deletedItemsLagMs = 12_000;
    waits.length = 0;
    const removed = await handlers.deletePrincipal({ ...ctx('compute-01-vm'), principal });
    expect(removed).toMatchObject({ deletedItemPurged: true, verifiedGone: true, errors: [] });
    expect(deletedItems()).not.toEqual(expect.arrayContaining([principal.appObjectId]));
    expect(deletedItems()).not.toEqual(expect.arrayContaining([principal.servicePrincipalId]));
    expect(deletedItems()).toEqual([]);
    // It waited on its schedule until Entra listed the items (the two purges wait side by side).
    expect(waits.length).toBeGreaterThan(0);
    expect(waits.every((w) => (DELETED_ITEM_WAITS_MS as readonly number[]).includes(w))).toBe(true);
  });

  it('reports a deleted item Entra never lists within the wait, instead of calling it purged', async () => {
    const principal = await handlers.provisionPrincipal(ctx('network-01-vnet'));
    sandbox.settings.deletedItemsLagMs = 10 * 60_000;
    const removed = await handlers.deletePrincipal({ ...ctx('network-01-vnet'), principal });
    expect(removed.deletedItemPurged).toBe(false);
    expect(removed.verifiedGone).toBe(false);
    expect(removed.errors.join(' ')).toMatch(/did not show in directory\/deletedItems within 90 s/);
    expect(DELETED_ITEM_WAITS_MS.reduce((a, b) => a + b, 0)).toBe(90_000);
    sandbox.settings.deletedItemsLagMs = 0;
  });
});
