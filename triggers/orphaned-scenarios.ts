// Scenario orchestrations whose run no longer runs. The Durable extension does not terminate sub-orchestrations with
// their parent, so a run terminated outside HayMaker's API (the portal, the durable management API) leaves its
// scenarios starting agent jobs for hours. The janitor stops them before it sweeps, so what they made is removed
// with the rest of the run and nothing new appears behind the sweep.
import { RUN_ORCHESTRATION, SCENARIO_ORCHESTRATION } from '../contract/orchestrations';
import { errorText } from '../core/error-text';
import { ACTIVE_STATUSES, type DurableClientPort } from './durable-client-port';

/** `<runId>:<scenarioId>` (core/naming.ts scenarioInstanceId); scenario ids hold no ':'. */
const runIdOf = (scenarioInstanceId: string) =>
  scenarioInstanceId.slice(0, scenarioInstanceId.lastIndexOf(':'));

/**
 * Terminates every active scenario orchestration whose run ended (terminated, failed or completed); answers the ids
 * it stopped. A scenario with no run instance at all (started on its own, as tests and tools do) is left alone.
 */
export async function stopOrphanedScenarios(
  client: Pick<DurableClientPort, 'listActive' | 'terminate' | 'getStatus'>,
  log?: (message: string) => void,
): Promise<string[]> {
  const runs = new Set((await client.listActive(RUN_ORCHESTRATION)).map((s) => s.instanceId));
  const candidates = (await client.listActive(SCENARIO_ORCHESTRATION))
    .map((s) => s.instanceId)
    .filter((id) => id.includes(':') && !runs.has(runIdOf(id)))
    .sort();
  const orphans: string[] = [];
  for (const id of candidates) {
    const run = await client.getStatus(runIdOf(id));
    if (run && run.name === RUN_ORCHESTRATION && !ACTIVE_STATUSES.has(run.runtimeStatus)) orphans.push(id);
  }
  const stopped: string[] = [];
  // One terminate that fails is logged and tried again at the next sweep; the other orphans are still stopped.
  for (const id of orphans) {
    try {
      await client.terminate(id, `its run ${runIdOf(id)} is no longer running; stopped by the janitor`);
      stopped.push(id);
      log?.(`janitor: stopped scenario orchestration ${id} (its run ${runIdOf(id)} is no longer running)`);
    } catch (error) {
      log?.(`janitor: could not stop scenario orchestration ${id}: ${errorText(error)}`);
    }
  }
  return stopped;
}
