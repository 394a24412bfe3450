// Which scenario orchestrations the janitor stops: only those whose run instance exists and has ended. A scenario
// started on its own (tests, tools, a replayed scenario) has no run instance and must keep running.
import { RUN_ORCHESTRATION, SCENARIO_ORCHESTRATION } from '../../contract/orchestrations';
import type { DurableClientPort, InstanceSummary } from '../../triggers/durable-client-port';
import { ACTIVE_STATUSES } from '../../triggers/durable-client-port';
import { stopOrphanedScenarios } from '../../triggers/orphaned-scenarios';

function instances(list: [string, string, string][]) {
  const byId = new Map<string, InstanceSummary>(
    list.map(([instanceId, name, runtimeStatus]) => [instanceId, { instanceId, name, runtimeStatus }]),
  );
  const terminated: string[] = [];
  const client: Pick<DurableClientPort, 'listActive' | 'terminate' | 'getStatus'> = {
    listActive: async (name) =>
      [...byId.values()].filter((s) => s.name === name && ACTIVE_STATUSES.has(s.runtimeStatus)),
    getStatus: async (id) => byId.get(id),
    terminate: async (id) => {
      terminated.push(id);
      byId.set(id, { ...byId.get(id)!, runtimeStatus: 'Terminated' });
    },
  };
  return { client, terminated };
}

describe('stopOrphanedScenarios', () => {
  it('stops the scenarios of ended runs only, and leaves scenarios without a run instance alone', async () => {
    const { client, terminated } = instances([
      ['run-terminated', RUN_ORCHESTRATION, 'Terminated'],
      ['run-terminated:compute-01-a', SCENARIO_ORCHESTRATION, 'Running'],
      ['run-failed', RUN_ORCHESTRATION, 'Failed'],
      ['run-failed:storage-02-b', SCENARIO_ORCHESTRATION, 'Pending'],
      ['run-running', RUN_ORCHESTRATION, 'Running'],
      ['run-running:compute-03-c', SCENARIO_ORCHESTRATION, 'Running'],
      ['no-such-run:compute-04-d', SCENARIO_ORCHESTRATION, 'Running'],
      ['run-terminated:compute-05-done', SCENARIO_ORCHESTRATION, 'Completed'],
    ]);
    const logs: string[] = [];
    const stopped = await stopOrphanedScenarios(client, (m) => logs.push(m));
    expect(stopped).toEqual(['run-failed:storage-02-b', 'run-terminated:compute-01-a']);
    expect(terminated).toEqual(stopped);
    expect(logs).toHaveLength(2);
  });

  it('does not take an instance of another orchestrator named like a run for the run', async () => {
    const { client, terminated } = instances([
      ['other', 'SomeOtherOrchestration', 'Completed'],
      ['other:compute-01-a', SCENARIO_ORCHESTRATION, 'Running'],
    ]);
    expect(await stopOrphanedScenarios(client)).toEqual([]);
    expect(terminated).toEqual([]);
  });

  it('goes on past a terminate that fails, and logs it (the next sweep tries it again)', async () => {
    const { client, terminated } = instances([
      ['run-gone', RUN_ORCHESTRATION, 'Terminated'],
      ['run-gone:compute-01-a', SCENARIO_ORCHESTRATION, 'Running'],
      ['run-gone:compute-02-b', SCENARIO_ORCHESTRATION, 'Running'],
    ]);
    const terminate = client.terminate;
    client.terminate = async (id, reason) => {
      if (id.endsWith('compute-01-a')) throw new Error('the task hub answered 503');
      return terminate(id, reason);
    };
    const logs: string[] = [];
    expect(await stopOrphanedScenarios(client, (m) => logs.push(m))).toEqual(['run-gone:compute-02-b']);
    expect(terminated).toEqual(['run-gone:compute-02-b']);
    expect(logs).toContainEqual(
      expect.stringMatching(/could not stop .*compute-01-a: the task hub answered 503/),
    );
  });
});
