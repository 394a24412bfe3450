// The janitor timer: finds HayMaker objects whose run is no longer running or whose ExpiresAt passed and removes
// them (or lists them in dry-run). It decides what "running" means from the durable instances; the I/O is the
// janitorSweep activity's, called here through the same handler the activity registration uses.
import { signalLine } from '../core/signals';
import { stopOrphanedScenarios } from './orphaned-scenarios';
import type { ActivityInput, JanitorInput, JanitorResult } from '../contract/activities';
import { runEntitySignal, statusEntitySignal } from '../contract/entities';
import { RUN_ORCHESTRATION } from '../contract/orchestrations';
import type { DurableClientPort } from './durable-client-port';
import { errorText } from '../core/error-text';

export interface JanitorOptions {
  client: DurableClientPort;
  sweep: (input: JanitorInput) => Promise<JanitorResult>;
  /** Writes the report of a run that stopped before writing its own (the writeReport activity's handler). */
  writeReport?: (input: ActivityInput<'writeReport'>) => Promise<unknown>;
  dryRun: boolean;
  now: Date;
  log?: (message: string) => void;
}

export async function onJanitorTimer(options: JanitorOptions): Promise<JanitorResult> {
  // Stopping a scenario whose run was terminated deletes nothing, so it happens in dry-run too.
  await stopOrphanedScenarios(options.client, options.log);
  const active = await options.client.listActive(RUN_ORCHESTRATION);
  const runningRunIds = active.map((s) => s.instanceId).sort();
  const result = await options.sweep({
    now: options.now.toISOString(),
    runningRunIds,
    dryRun: options.dryRun,
  });
  const verb = result.dryRun ? 'would remove' : 'removed';
  options.log?.(
    `janitor: ${runningRunIds.length} run(s) running; ${verb} ${result.dryRun ? result.findings.length : result.removed.length} object(s)` +
      (result.failed.length > 0
        ? `; ${result.failed.length} failed: ${result.failed.map((f) => `${f.id} (${f.error})`).join('; ')}`
        : '') +
      (result.deferred?.length
        ? `; ${result.deferred.length} left for the next sweep (time budget, or still being deleted)`
        : ''),
  );
  if (!result.dryRun && result.removed.length > 0) {
    const byRun = new Map<string, number>();
    for (const f of result.findings) if (f.runId) byRun.set(f.runId, (byRun.get(f.runId) ?? 0) + 1);
    for (const [runId, count] of byRun)
      options.log?.(signalLine({ signal: 'janitor_removed', runId, detail: count }));
  }
  if (result.dryRun)
    for (const f of result.findings)
      options.log?.(`janitor dry-run: ${f.kind} ${f.id} (${f.reason}${f.runId ? `, run ${f.runId}` : ''})`);
  // Runs whose objects were swept because their run stopped: record it, so the API does not show them running.
  if (!result.dryRun) {
    const swept = new Set(
      result.findings.filter((f) => f.reason === 'runNotRunning' && f.runId).map((f) => f.runId!),
    );
    // One run whose record fails (a signal or a status read) is logged and counted; the others still go on.
    for (const runId of swept) {
      try {
        const runtime = (await options.client.getStatus(runId))?.runtimeStatus;
        // A completed run has its own report and final entity state; only its leftovers were removed.
        if (runtime === 'Completed') continue;
        // A run that failed (a defect; rewindable until now) is reported as failed, one that was stopped as terminated.
        const failed = runtime === 'Failed';
        const endedAt = options.now.toISOString();
        const reason = failed
          ? 'the run failed before it finished; the janitor removed what it left'
          : 'the run stopped before it finished; the janitor removed what it left';
        if (failed) {
          options.log?.(signalLine({ signal: 'run_failed', runId, detail: 'failed before it finished' }));
          await options.client.signal(runEntitySignal(runId, { type: 'error', message: reason }));
          await options.client.signal(
            runEntitySignal(runId, { type: 'finished', status: 'failed', endedAt, cleanupVerified: false }),
          );
        } else {
          await options.client.signal(runEntitySignal(runId, { type: 'terminated', endedAt, reason }));
          options.log?.(signalLine({ signal: 'run_terminated', runId, detail: 'stopped outside the API' }));
        }
        await options.client.signal(
          statusEntitySignal({
            type: 'runFinished',
            runId,
            endedAt,
            status: failed ? 'failed' : 'terminated',
          }),
        );
        if (options.writeReport) {
          try {
            await options.writeReport({ runId, stoppedAs: failed ? 'failed' : 'terminated' });
          } catch (error) {
            options.log?.(`janitor: could not write the report of stopped run ${runId}: ${errorText(error)}`);
          }
        }
      } catch (error) {
        result.failed.push({
          id: runId,
          error: `could not record that the run stopped: ${errorText(error)}`,
        });
        options.log?.(`janitor: could not record that run ${runId} stopped: ${errorText(error)}`);
      }
    }
  }
  return result;
}
