// `npm run observe:operations [-- --declare] [<scenario ids>]`: runs every enabled scenario (or the ones named)
// through the sandbox as the library e2e test does, and records in scenarios/observed-operations.json the
// control-plane operations each one's principal caused (or why selection refused it). With --declare it also
// writes each observed scenario's `operations:` front matter to match. A scenario whose run fails a phase or
// leaves something behind is not recorded (its observation would be partial): exit 1.
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import pLimit from 'p-limit';
import { filterScenarios, loadCatalog } from '../../catalog/load';
import { declareOperations } from '../../catalog/operations/declare';
import {
  readObservedOperations,
  writeObservedOperations,
  type ScenarioObservation,
} from '../../catalog/operations/observed';
import { scaledAzureLags, startSandbox } from '../../sandbox';
import { runScenario, scenariosDir } from './helpers/run-scenario';

const SOURCE =
  'npm run observe:operations (tests/scenarios-e2e/observe-operations.ts): each enabled scenario through the sandbox (deploy, one operation burst, cleanup) as its own principal with its declared grants; the distinct operation names of the Activity Log events that principal caused';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const declare = args.includes('--declare');
  const wanted = args.filter((a) => !a.startsWith('--'));
  const catalog = loadCatalog({ dir: scenariosDir });
  const enabled = filterScenarios(catalog.scenarios, { enabled: true });
  const ids = wanted.length > 0 ? wanted : enabled.map((s) => s.id);
  const previous = readObservedOperations(scenariosDir)?.scenarios ?? {};
  // A full run starts afresh (a disabled or deleted scenario drops out); a named run updates only those.
  const observed: Record<string, ScenarioObservation> = wanted.length > 0 ? { ...previous } : {};
  const sandbox = await startSandbox({ settings: scaledAzureLags(600) });
  const started = Date.now();
  let bad = 0;
  try {
    const limit = pLimit(3);
    const runs = await Promise.all(ids.map((id) => limit(() => runScenario(sandbox, id, randomUUID()))));
    for (const run of runs) {
      const failed = run.phases.filter((p) => p.code !== 0).map((p) => `${p.phase} exit ${p.code}`);
      const problems = [...failed, ...run.leftovers.map((l) => `left ${l}`)];
      if (problems.length > 0) {
        bad++;
        delete observed[run.scenarioId];
        process.stdout.write(`FAIL ${run.scenarioId}: ${problems.join('; ')} (not recorded)\n`);
        continue;
      }
      observed[run.scenarioId] = run.refused ? { refused: run.refused } : { operations: run.operations };
      process.stdout.write(
        `${run.refused ? 'refused' : 'ok     '} ${run.scenarioId}: ${run.refused ? run.refused.join('; ') : run.operations.join(', ')}\n`,
      );
    }
  } finally {
    await sandbox.stop();
  }
  writeObservedOperations(scenariosDir, { source: SOURCE, scenarios: observed });
  if (declare)
    for (const scenario of catalog.scenarios) {
      const seen = observed[scenario.id];
      if (!ids.includes(scenario.id) || !seen || !('operations' in seen)) continue;
      const text = readFileSync(scenario.file, 'utf8');
      writeFileSync(scenario.file, declareOperations(text, seen.operations));
    }
  process.stdout.write(
    `\n${ids.length - bad}/${ids.length} scenarios observed in ${((Date.now() - started) / 1000).toFixed(0)} s${declare ? '; operations declared' : ''}\n`,
  );
  process.exitCode = bad > 0 ? 1 : 0;
}

main().catch((error: unknown) => {
  process.stderr.write(
    `observe:operations could not run: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exitCode = 2;
});
