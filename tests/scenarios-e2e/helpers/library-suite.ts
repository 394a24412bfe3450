// The scenario library through the sandbox, one technology area per test file (tests/scenarios-e2e/library/), so
// jest spreads the fifty scenarios over its workers whatever order it picks: deploy → one operation burst → cleanup,
// with the real agent runtime and the az stand-in against one sandbox, each as its own principal with exactly its
// declared grants (its groups, its roles there), given by the real activities, under Azure's authorization and lags.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import pLimit from 'p-limit';
import { filterScenarios, loadCatalog } from '../../../catalog/load';
import { readObservedOperations } from '../../../catalog/operations/observed';
import { staleOperations } from './operations-check';
import { runScenario, scenariosDir, useScenarioRuns } from './run-scenario';

/** Scenarios of one area per suite: the ten areas of five (tests/scenarios-e2e/library-areas.test.ts). */
export const SCENARIOS_PER_AREA = 5;

export function describeLibraryArea(area: string): void {
  // Three scenarios at a time per suite; with jest's two workers that is up to six agent processes on two cores,
  // which the agent's deadlines and the sandbox's lags (scaled) leave room for.
  jest.setTimeout(10 * 60_000);
  const catalog = loadCatalog({ dir: scenariosDir });
  const ids = filterScenarios(catalog.scenarios, { enabled: true, area }).map((s) => s.id);

  describe(`the ${area} scenarios through the sandbox`, () => {
    const limit = pLimit(3);
    const { runs, sandbox, newUntaggedObjects } = useScenarioRuns((sandbox) =>
      Promise.all(ids.map((id) => limit(() => runScenario(sandbox, id, randomUUID())))),
    );

    it(`has the area's ${SCENARIOS_PER_AREA} enabled scenarios, and ran each`, () => {
      expect(ids).toHaveLength(SCENARIOS_PER_AREA);
      expect(runs.size).toBe(ids.length);
    });

    it('refuses none: every scenario stays within the grants HayMaker gives (docs/scenario-grants.md)', () => {
      // Selection still refuses, with reasons, a scenario that needs more (tests/activities/run-activities.test.ts).
      expect([...runs.values()].filter((r) => r.refused).map((r) => r.scenarioId)).toEqual([]);
    });

    it('runs every phase of every scenario, with only its declared grants, and leaves nothing tagged with its run', () => {
      const problems = [...runs.values()].flatMap((run) => [
        ...run.phases
          .filter((p) => p.code !== 0)
          .map((p) => `${run.scenarioId} ${p.phase} exit ${p.code}: ${p.output.slice(-400)}`),
        ...run.leftovers.map((l) => `${run.scenarioId} left ${l}`),
      ]);
      expect(problems).toEqual([]);
    });

    it('reports every phase as the orchestration expects: started first, completed last, and what it made, did and deleted', () => {
      const problems = [...runs.values()].flatMap((run) => {
        const types = (phase: string) => run.events.filter((e) => e.phase === phase).map((e) => e.type);
        return [
          ...(['deploy', 'operate', 'cleanup'] as const).flatMap((phase) =>
            types(phase)[0] === 'phase_started' && types(phase).at(-1) === 'phase_completed'
              ? []
              : [`${run.scenarioId} ${phase}: ${types(phase).join(', ')}`],
          ),
          ...(
            [
              ['deploy', 'resource_created'],
              ['operate', 'operation_performed'],
              ['cleanup', 'resource_deleted'],
            ] as const
          ).flatMap(([phase, type]) =>
            types(phase).includes(type) ? [] : [`${run.scenarioId} ${phase}: no ${type}`],
          ),
        ];
      });
      expect(problems).toEqual([]);
    });

    it('answers every az call with the stand-in (each sign-in redacted in its log), never the real Azure CLI', () => {
      const log = readFileSync(join(dirname(sandbox().sandboxFile), 'az-standin.log'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { args: string[]; outcome: string });
      const logins = log.filter((e) => e.args[0] === 'login');
      // One successful sign-in per agent job (three phases of each scenario); a sign-in Entra refused while the new
      // principal propagated is retried (agent-runtime/azure/az-login.ts), never anything else.
      expect(logins.filter((e) => e.outcome !== 'error')).toHaveLength(ids.length * 3);
      expect(logins.every((e) => e.args.includes('***'))).toBe(true);
      expect(log.filter((e) => e.outcome === 'error' && e.args[0] !== 'login')).toEqual([]);
    });

    it('leaves no role assignment, application or service principal behind', () => {
      expect(newUntaggedObjects()).toEqual([]);
    });

    // Issue 18: every enabled scenario that runs declares exactly the operations it produces (100% coverage in the
    // sandbox, nothing unexpected), and the committed observation is what a fresh run produces.
    it('produces exactly its declared operations and those observed-operations.json records, for every scenario', () => {
      const observed = readObservedOperations(scenariosDir);
      expect(observed).toBeDefined();
      expect(ids.filter((id) => !(id in observed!.scenarios))).toEqual([]);
      const byId = new Map(catalog.scenarios.map((s) => [s.id, s]));
      const stale = [...runs.values()].flatMap((run) =>
        staleOperations(run, byId.get(run.scenarioId), observed!),
      );
      expect(stale).toEqual([]);
    });
  });
}
