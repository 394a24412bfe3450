// The duplicate principal that tests/e2e/faults.test.ts once saw (4 principals for 3 scenarios): provisionPrincipal
// failed after it had registered the application, and its retry came before Entra showed that application to reads
// (replication lag), so list-then-create registered a second one. The sandbox runs on a manual clock here, so the lag
// lasts exactly as long as the test says.
import { startSandbox, type Sandbox } from '../../sandbox';
import { createActivityHandlers } from '../../activities';
import type { ActivityHandlers, ScenarioContext } from '../../contract/activities';
import { servicePrincipalDisplayName } from '../../core/naming';
import { sandboxDependencies } from './helpers/sandbox-deps';
import { cloudServices } from '../adapters/helpers/sandbox-context';

describe('provisionPrincipal under Entra replication lag', () => {
  let sandbox: Sandbox;
  let handlers: ActivityHandlers;
  let nowMs = Date.parse('2026-03-01T00:00:00Z');
  const ctx: ScenarioContext = {
    runId: 'dup0lag0-0001',
    scenarioId: 'compute-01-linux-vm-patch-check',
    createdAt: '2026-03-01T00:00:00.000Z',
    expiresAt: '2026-03-01T12:00:00.000Z',
  };
  const applicationsNamed = (name: string) => {
    const graph = sandbox.state().graph as { applications: Record<string, { displayName?: string }> };
    return Object.values(graph.applications).filter((a) => a.displayName === name);
  };

  beforeAll(async () => {
    sandbox = await startSandbox({
      services: cloudServices(),
      clock: { now: () => nowMs },
      settings: { graphReplicationLagMs: 1500 },
    });
    // The dependencies' sleep records and returns: retries inside the activity do not let the lag pass.
    handlers = createActivityHandlers(await sandboxDependencies(sandbox));
  });
  afterAll(async () => {
    await sandbox?.stop();
  });

  it('registers one application however often the activity is retried before Entra shows it', async () => {
    // The first attempt registers the application, then fails: its service principal cannot be created while the
    // application is not visible (Entra answers 400 until it has replicated).
    await expect(handlers.provisionPrincipal(ctx)).rejects.toThrow();
    // The durable retry comes seconds later, still inside the lag.
    await handlers.provisionPrincipal(ctx).catch(() => undefined);
    expect(applicationsNamed(servicePrincipalDisplayName(ctx.scenarioId, ctx.runId))).toHaveLength(1);

    nowMs += 2_000;
    const principal = await handlers.provisionPrincipal(ctx);
    const apps = applicationsNamed(principal.displayName);
    expect(apps).toHaveLength(1);
    const graph = sandbox.state().graph as { servicePrincipals: Record<string, { appId?: string }> };
    expect(Object.values(graph.servicePrincipals).filter((s) => s.appId === principal.appId)).toHaveLength(1);
  });
});
