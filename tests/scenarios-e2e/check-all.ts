// `npm run check:scenarios-e2e [-- <scenario ids>]`: every enabled scenario (or the ones named) through
// the sandbox with the real agent runtime and the az stand-in; reports failed phases and leftovers.
// Exit 1 when any scenario fails a phase or leaves anything tagged with its run behind.
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { filterScenarios, loadCatalog } from '../../catalog/load';
import { scaledAzureLags, startSandbox } from '../../sandbox';
import { runScenario, scenariosDir, type ScenarioRun } from './helpers/run-scenario';

function lastError(run: ScenarioRun): string {
  const failed = run.events
    .filter((e) => e.type === 'phase_failed')
    .map((e) => String((e.data as { error?: unknown }).error ?? ''));
  const fromOutput = run.phases
    .filter((p) => p.code !== 0)
    .map((p) =>
      p.output
        .split('\n')
        .filter((l) => /ERROR|error|failed/i.test(l))
        .slice(-2)
        .join(' | '),
    );
  return [...failed, ...fromOutput].join(' || ').slice(0, 600);
}

/** The command paths the stand-in answered without a sandbox call: where local runs are least like Azure. */
function simulatedSummary(logFile: string): string {
  if (!existsSync(logFile)) return 'no az stand-in log\n';
  const counts = new Map<string, number>();
  for (const line of readFileSync(logFile, 'utf8').split('\n').filter(Boolean)) {
    const entry = JSON.parse(line) as { args: string[]; outcome: string };
    if (entry.outcome !== 'simulated') continue;
    const firstFlag = entry.args.findIndex((a) => a.startsWith('-'));
    const path = (firstFlag < 0 ? entry.args : entry.args.slice(0, firstFlag)).join(' ');
    counts.set(path, (counts.get(path) ?? 0) + 1);
  }
  const rows = [...counts].sort((a, b) => b[1] - a[1]).map(([path, n]) => `  ${n}x az ${path}`);
  return `az calls answered with a simulated success (${rows.length} command paths):\n${rows.join('\n')}\n`;
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const catalog = loadCatalog({ dir: scenariosDir });
  const ids =
    wanted.length > 0 ? wanted : filterScenarios(catalog.scenarios, { enabled: true }).map((s) => s.id);
  const sandbox = await startSandbox({
    // Azure's authorization and Azure's lags (at npm start's default time scale): each scenario runs with exactly
    // what its principal was granted, and the sign-in meets Entra's propagation.
    settings: scaledAzureLags(600),
  });
  const started = Date.now();
  const rows: string[] = [];
  let bad = 0;
  try {
    for (const id of ids) {
      const run = await runScenario(sandbox, id, randomUUID());
      if (run.refused) {
        const line = `refused ${id}: ${run.refused.join('; ')}`;
        rows.push(line);
        process.stdout.write(`${line}\n`);
        continue;
      }
      const phases = run.phases
        .map((p) => `${p.phase}:${p.code === 0 ? 'ok' : `exit ${p.code}`}(${(p.wallMs / 1000).toFixed(1)}s)`)
        .join(' ');
      const failed = run.phases.some((p) => p.code !== 0);
      if (failed || run.leftovers.length > 0) bad++;
      const line = `${failed || run.leftovers.length > 0 ? 'FAIL' : 'ok  '} ${id} ${phases} leftovers=${run.leftovers.length}${run.leftovers.length ? ` [${run.leftovers.join(', ')}]` : ''}${failed ? `\n     ${lastError(run)}` : ''}`;
      rows.push(line);
      process.stdout.write(`${line}\n`);
    }
    process.stdout.write(`\n${simulatedSummary(join(dirname(sandbox.sandboxFile), 'az-standin.log'))}`);
  } finally {
    await sandbox.stop();
  }
  process.stdout.write(
    `\n${ids.length - bad}/${ids.length} scenarios ran clean in ${((Date.now() - started) / 1000).toFixed(0)} s\n`,
  );
  process.exitCode = bad > 0 ? 1 : 0;
}

main().catch((error: unknown) => {
  process.stderr.write(
    `check:scenarios-e2e could not run: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exitCode = 2;
});
