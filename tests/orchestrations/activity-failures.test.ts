// Activity failures reach the orchestration as values (orchestrations/activity-envelope.ts): retried on durable
// timers, leaving no TaskFailed in the history, so a later rewind resumes the orchestrator without re-running
// failures the scenario had already handled.
import { RUN_ORCHESTRATION } from '../../contract/orchestrations';
import { ACTIVITY_RETRY, retryDelayMs } from '../../orchestrations/call-activity';
import type { RunOutcome } from '../../contract/orchestrations';
import { drive, startHarness, type Harness } from '../../testkit/orchestration-harness';

describe('activity failures in the orchestrations', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.stop();
  });
  const callsOf = (runId: string, scenarioId: string, name: string) =>
    h.world.calls.filter(
      (c) => c.name === name && c.input.runId === runId && c.input.scenarioId === scenarioId,
    );

  it('retries a failing activity on durable timers with the policy backoff and leaves no TaskFailed in the history', async () => {
    h.world.selectScenarios = ['identity-04-retry'];
    h.world.scripts.set('identity-04-retry', { failFirst: { assignRoles: 2 } });
    const runId = 'f1e2d3c4-run-retry';
    await h.host.client.startNew(RUN_ORCHESTRATION, {
      instanceId: runId,
      input: { trigger: 'api', operationBursts: 1, operationsWindowMinutes: 60 },
    });
    const outcome = (await drive(h, runId)).output as RunOutcome;
    expect(outcome.scenarios[0]).toMatchObject({ scenarioId: 'identity-04-retry', status: 'succeeded' });
    const at = callsOf(runId, 'identity-04-retry', 'assignRoles').map((c) => c.at);
    expect(at).toHaveLength(3);
    const policy = ACTIVITY_RETRY.assignRoles!;
    // Durable timers fire on the manual clock's 5-minute steps, so each gap is at least the policy's delay.
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(retryDelayMs(policy, 1));
    expect(at[2]! - at[1]!).toBeGreaterThanOrEqual(retryDelayMs(policy, 2));
    const history =
      (await h.host.client.getStatus(`${runId}:identity-04-retry`, { showHistory: true }))?.historyEvents ??
      [];
    expect(history.filter((e) => e.EventType === 'TaskFailed')).toEqual([]);
    expect(history.filter((e) => e.EventType === 'TimerCreated').length).toBeGreaterThanOrEqual(2);
  });

  it('rewinds a scenario that had handled an activity failure without re-running that activity', async () => {
    h.world.selectScenarios = ['identity-05-rewound'];
    h.world.scripts.set('identity-05-rewound', { failActivities: ['assignRoles'] });
    const runId = 'a9b8c7d6-run-handled';
    const scenario = `${runId}:identity-05-rewound`;
    h.host.injectEpisodeFault({
      matches: (e) => e.instanceId === scenario && e.completedActivities.includes('deletePrincipal'),
      message: 'scripted orchestrator defect',
    });
    await h.host.client.startNew(RUN_ORCHESTRATION, {
      instanceId: runId,
      input: { trigger: 'api', operationBursts: 1, operationsWindowMinutes: 60 },
    });
    expect((await drive(h, runId)).runtimeStatus).toBe('Failed');
    const attempts = callsOf(runId, 'identity-05-rewound', 'assignRoles').length;
    expect(attempts).toBe(ACTIVITY_RETRY.assignRoles!.maxAttempts);

    // The cause of the handled failure is gone too: a re-run of assignRoles would now succeed and change the path.
    h.world.scripts.delete('identity-05-rewound');
    await h.host.client.rewind(runId, 'defect fixed');
    const done = await drive(h, runId);
    expect(done.runtimeStatus).toBe('Completed');
    expect((await h.host.client.getStatus(scenario))?.runtimeStatus).toBe('Completed');
    // The scenario's outcome is the one it had reached: roles failed, cleanup done, principal deleted once.
    expect((done.output as RunOutcome).scenarios[0]).toMatchObject({
      status: 'failed',
      principal: { verifiedGone: true },
    });
    expect(callsOf(runId, 'identity-05-rewound', 'assignRoles')).toHaveLength(attempts);
    expect(callsOf(runId, 'identity-05-rewound', 'deletePrincipal')).toHaveLength(1);
  });
});
