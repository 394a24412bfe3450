import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { scaledAzureLags, startSandbox, type Sandbox } from '../../sandbox';
import { runScenario, untaggedObjects, type ScenarioRun } from './helpers/run-scenario';

// Each scenario is three agent jobs (child processes) with a few dozen az stand-in calls.
jest.setTimeout(150_000);

// Run ids differ in their first 8 characters: the run short name, which scenario names derive from.
// Representative: a VM with its network (many types), nested network types (peering, subnets), and a scenario whose
// principal holds a second role at its group (Resource Policy Contributor, for policy assignments).
const SCENARIOS: [string, string][] = [
  ['compute-01-linux-vm-patch-check', 'e2e0c001-0000-4000-8000-000000000001'],
  ['networking-01-hub-spoke-peering', 'e2e0c002-0000-4000-8000-000000000002'],
  ['security-04-policy-audit-assignments', 'e2e0c003-0000-4000-8000-000000000003'],
];

describe('scenarios end to end: the real agent runtime and the az stand-in against the sandbox', () => {
  let sandbox: Sandbox;
  const runs = new Map<string, ScenarioRun>();
  let before: Set<string>;

  beforeAll(async () => {
    sandbox = await startSandbox({
      // Azure's authorization and Azure's lags (at npm start's default time scale): each scenario runs with exactly
      // what its principal was granted, and the sign-in meets Entra's propagation.
      settings: scaledAzureLags(600),
    });
    before = untaggedObjects(sandbox);
    // In parallel: the phases of one scenario are sequential, scenarios are independent (as in a run).
    for (const run of await Promise.all(SCENARIOS.map(([id, runId]) => runScenario(sandbox, id, runId))))
      runs.set(run.scenarioId, run);
  });
  afterAll(async () => {
    await sandbox?.stop();
  });

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

  it('left no role assignment, application or service principal behind across all the runs', () => {
    expect([...untaggedObjects(sandbox)].filter((o) => !before.has(o))).toEqual([]);
  });

  it('answered every az call with the stand-in (sign-in included), never the real Azure CLI', () => {
    const log = readFileSync(join(dirname(sandbox.sandboxFile), 'az-standin.log'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { args: string[]; outcome: string });
    const logins = log.filter((e) => e.args[0] === 'login');
    // One sign-in per agent job: three phases of each scenario.
    expect(logins).toHaveLength(SCENARIOS.length * 3);
    expect(logins.every((e) => e.args.includes('***'))).toBe(true);
    expect(log.filter((e) => e.args[0] === 'group' && e.args[1] === 'create')).toHaveLength(SCENARIOS.length);
    expect(log.filter((e) => e.outcome === 'error')).toEqual([]);
  });
});
