// A run terminated through the Durable extension's own management API (what the Azure portal calls), not HayMaker's:
// its scenario orchestrations keep running, as in Azure (sub-orchestrations are not terminated with their parent),
// until the janitor stops them; then it sweeps the run as no longer running, so what they made is removed.
import { RUN_ORCHESTRATION } from '../../contract/orchestrations';
import { signalIn } from '../../core/signals';
import { onJanitorTimer } from '../../triggers/janitor-timer';
import { useHarness } from '../../testkit/orchestration-harness';

describe('a run terminated through the durable webhook', () => {
  const t = useHarness();

  async function waitFor<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
    for (let i = 0; i < 2000; i++) {
      const found = await probe();
      if (found !== undefined) return found;
      // Orchestration time moves in small steps, far below the phase deadline (the deploy never answers).
      await t.h.host.clock.advance(1_000);
      await new Promise((r) => setImmediate(r));
    }
    throw new Error(`gave up waiting for ${what}`);
  }

  it('leaves its scenarios running until the janitor stops them, then sweeps the run', async () => {
    const runId = 'portal01-run';
    const scenarioInstance = `${runId}:compute-01-portal`;
    t.h.world.selectScenarios = ['compute-01-portal'];
    t.h.world.scripts.set('compute-01-portal', {
      answer: (phase) => (phase === 'deploy' ? 'never' : 'complete'),
    });
    await t.h.host.client.startNew(RUN_ORCHESTRATION, { instanceId: runId, input: { trigger: 'cli' } });
    await waitFor('the scenario to wait for its deploy', async () => {
      const s = await t.h.host.client.getStatus(scenarioInstance);
      return (s?.customStatus as { waitingFor?: string } | null)?.waitingFor ? s : undefined;
    });

    // The portal's terminate: the extension's webhook, with its key, not POST /api/v1/runs/{id}/terminate.
    const hook = `${t.h.host.url}/runtime/webhooks/durabletask/instances/${runId}/terminate?reason=portal&code=${t.h.host.hostKey}`;
    expect((await fetch(hook, { method: 'POST' })).status).toBe(202);
    await waitFor('the run to be terminated', async () =>
      (await t.h.host.client.getStatus(runId))?.runtimeStatus === 'Terminated' ? true : undefined,
    );
    expect((await t.h.host.client.getStatus(scenarioInstance))?.runtimeStatus).toBe('Running');

    const sweeps: { runningRunIds: string[]; scenarioStatus: string | undefined }[] = [];
    const logs: string[] = [];
    await onJanitorTimer({
      client: t.client,
      dryRun: false,
      now: new Date(t.h.host.clock.now()),
      log: (m) => logs.push(m),
      sweep: async (input) => {
        sweeps.push({
          runningRunIds: input.runningRunIds,
          scenarioStatus: (await t.h.host.client.getStatus(scenarioInstance))?.runtimeStatus,
        });
        return {
          dryRun: false,
          findings: [
            {
              kind: 'resourceGroup',
              id: '/subscriptions/s/resourceGroups/rg-portal',
              runId,
              reason: 'runNotRunning',
            },
          ],
          removed: ['/subscriptions/s/resourceGroups/rg-portal'],
          failed: [],
        };
      },
    });
    // Stopped before the sweep, so nothing new appears behind it; the run is swept as no longer running.
    expect(sweeps).toEqual([{ runningRunIds: [], scenarioStatus: 'Terminated' }]);
    expect(logs.join('\n')).toContain(`stopped scenario orchestration ${scenarioInstance}`);
    expect(
      logs
        .map(signalIn)
        .filter((s) => s?.signal === 'run_terminated')
        .map((s) => s!.run_id),
    ).toEqual([runId]);
  });
});
