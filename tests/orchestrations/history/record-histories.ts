// Records scenario orchestration histories for tests/orchestrations/replay-recorded-history.test.ts: each script runs
// on the embedded host with the fake world (testkit/orchestration-harness.ts), then its finished history is replayed once through the
// orchestrator to capture the actions the code of that day decides. Run from a build of the code to pin:
//   npm run build --silent && node dist/tests/orchestrations/history/record-histories.js <out.json> <label>
// A later orchestrator must replay each history to the same actions, output and custom status: what Azure needs
// to resume an instance that was in flight when the app was updated.
import fs from 'node:fs';
import path from 'node:path';
import type { ScenarioOrchestrationInput } from '../../../contract/orchestrations';
import type { ScenarioScript } from '../../../testkit/fake-world-app';
import { drive, startHarness } from '../../../testkit/orchestration-harness';
import { replayThroughOrchestrator, type RecordedHistory } from './replay';

const SETTINGS: ScenarioOrchestrationInput['settings'] = {
  subscriptionId: '22222222-2222-2222-2222-222222222222',
  location: 'eastus',
  operationsWindowMinutes: 120,
  operationBursts: 2,
  rolePropagationSeconds: 60,
  phaseDeadlineMinutes: 60,
  burstDeadlineMinutes: 20,
  phaseCrashRetries: 2,
  runExpiryHours: 12,
};

const leftover = (scenarioId: string) => ({
  id: `/subscriptions/${SETTINGS.subscriptionId}/resourceGroups/rg-${scenarioId}/providers/Microsoft.Storage/storageAccounts/left`,
  type: 'Microsoft.Storage/storageAccounts',
  name: 'left',
  resourceGroup: `rg-${scenarioId}`,
  kind: 'resource' as const,
});

/** Paths through the orchestrator: every step, timers, events, retries, failures and force deletion. */
export const SCRIPTS: Record<string, ScenarioScript> = {
  'compute-01-happy': { leftovers: [leftover('compute-01-happy')] },
  'compute-02-deploy-timeout': { answer: (phase) => (phase === 'deploy' ? 'never' : 'complete') },
  'compute-03-burst-timeout': {
    answer: (phase, burst) => (phase === 'operate' && burst === 0 ? 'never' : 'complete'),
  },
  'compute-04-deploy-failed': { answer: (phase) => (phase === 'deploy' ? 'fail' : 'complete') },
  'compute-05-roles-denied': { failActivities: ['assignRoles'] },
  'compute-06-flaky-provision': { failFirst: { provisionPrincipal: 2 } },
};

async function record(out: string, label: string): Promise<void> {
  const h = await startHarness();
  const histories: RecordedHistory[] = [];
  try {
    for (const [scenarioId, script] of Object.entries(SCRIPTS)) {
      h.world.scripts.set(scenarioId, script);
      const runId = 'recorded-run';
      const instanceId = `${runId}:${scenarioId}`;
      const now = h.host.clock.now();
      const input: ScenarioOrchestrationInput = {
        runId,
        scenarioId,
        seed: 'recorded-seed',
        createdAt: new Date(now).toISOString(),
        expiresAt: new Date(now + 12 * 3_600_000).toISOString(),
        settings: SETTINGS,
      };
      await h.host.client.startNew('haymakerScenarioOrchestration', { instanceId, input });
      const status = await drive(h, instanceId);
      if (status.runtimeStatus !== 'Completed')
        throw new Error(`${instanceId} ended ${status.runtimeStatus}`);
      const file = fs
        .readdirSync(path.join(h.dataDir, 'taskhub', 'instances'))
        .find((f) => decodeURIComponent(f) === `${instanceId}.json`);
      const stored = JSON.parse(
        fs.readFileSync(path.join(h.dataDir, 'taskhub', 'instances', file!), 'utf8'),
      ) as { history: unknown[] };
      const recorded = { instanceId, input, history: stored.history };
      const decided = await replayThroughOrchestrator(recorded);
      histories.push({ ...recorded, ...decided });
    }
  } finally {
    await h.stop();
  }
  fs.writeFileSync(out, `${JSON.stringify({ recordedWith: label, histories }, null, 1)}\n`);
}

if (require.main === module) {
  const [out, label] = process.argv.slice(2);
  if (!out || !label) throw new Error('usage: record-histories.js <out.json> <label>');
  record(out, label).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
