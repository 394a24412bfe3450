import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadCatalog } from '../../catalog/load';
import { readObservedOperations } from '../../catalog/operations/observed';
import { staleOperations } from './helpers/operations-check';
import { runScenario, scenariosDir, useScenarioRuns, type ScenarioRun } from './helpers/run-scenario';

// Each scenario is three agent jobs (child processes) with a few dozen az stand-in calls.
jest.setTimeout(150_000);

// Run ids differ in their first 8 characters: the run short name, which scenario names derive from.
// Representative: a VM with its network (many types), nested network types (peering, subnets), and a scenario whose
// principal holds a second role at its group (Resource Policy Contributor, for policy assignments). Each runs as its
// own principal with exactly its declared grants.
const SCENARIOS: [string, string][] = [
  ['compute-01-linux-vm-patch-check', 'e2e0c001-0000-4000-8000-000000000001'],
  ['networking-01-hub-spoke-peering', 'e2e0c002-0000-4000-8000-000000000002'],
  ['security-04-policy-audit-assignments', 'e2e0c003-0000-4000-8000-000000000003'],
];

describe('scenarios end to end: the real agent runtime and the az stand-in against the sandbox', () => {
  // In parallel: the phases of one scenario are sequential, scenarios are independent (as in a run).
  const { runs, sandbox, newUntaggedObjects } = useScenarioRuns((started) =>
    Promise.all(SCENARIOS.map(([id, runId]) => runScenario(started, id, runId))),
  );

  const failures = (run: ScenarioRun) =>
    run.phases.filter((p) => p.code !== 0).map((p) => `${p.phase} exit ${p.code}: ${p.output.slice(-1500)}`);

  it.each(SCENARIOS.map(([id]) => id))(
    '%s: deploy, one operation burst and cleanup succeed; events reach the broker; nothing of the run is left',
    (id) => {
      const run = runs.get(id)!;
      expect(failures(run)).toEqual([]);
      expect(run.phases.map((p) => p.phase)).toEqual(['deploy', 'operate', 'cleanup']);
      for (const phase of ['deploy', 'operate', 'cleanup']) {
        const types = run.events.filter((e) => e.phase === phase).map((e) => e.type);
        expect(types[0]).toBe('phase_started');
        expect(types.at(-1)).toBe('phase_completed');
      }
      const types = (phase: string) => run.events.filter((e) => e.phase === phase).map((e) => e.type);
      expect(types('deploy')).toContain('resource_created');
      expect(types('operate')).toContain('operation_performed');
      expect(types('cleanup')).toContain('resource_deleted');
      expect(run.leftovers).toEqual([]);
    },
  );

  it('produced exactly the operations each declares and observed-operations.json records', () => {
    const observed = readObservedOperations(scenariosDir)!;
    const byId = new Map(loadCatalog({ dir: scenariosDir }).scenarios.map((s) => [s.id, s]));
    for (const run of runs.values()) expect(run.operations.length).toBeGreaterThan(0);
    expect(
      [...runs.values()].flatMap((run) => staleOperations(run, byId.get(run.scenarioId), observed)),
    ).toEqual([]);
  });

  it('left no role assignment, application or service principal behind across all the runs', () => {
    expect(newUntaggedObjects()).toEqual([]);
  });

  it('answered every az call with the stand-in (sign-in included), never the real Azure CLI', () => {
    const log = readFileSync(join(dirname(sandbox().sandboxFile), 'az-standin.log'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { args: string[]; outcome: string });
    const logins = log.filter((e) => e.args[0] === 'login');
    // One successful sign-in per agent job (three phases of each scenario); a sign-in Entra refused while the new
    // principal propagated is retried (agent-runtime/azure/az-login.ts), never anything else.
    expect(logins.filter((e) => e.outcome !== 'error')).toHaveLength(SCENARIOS.length * 3);
    expect(logins.every((e) => e.args.includes('***'))).toBe(true);
    expect(log.filter((e) => e.args[0] === 'group' && e.args[1] === 'create')).toHaveLength(SCENARIOS.length);
    expect(log.filter((e) => e.outcome === 'error' && e.args[0] !== 'login')).toEqual([]);
  });
});
