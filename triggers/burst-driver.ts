// The burst driver timer: runs every scenario's operation bursts outside its orchestration, so they cost the
// orchestration's history nothing (issue 14). Each tick, for every scenario orchestration waiting on "operations
// done", it reads the scenario's bursts entity and: starts the next due burst's agent job (the startAgentJob activity's
// own handler, idempotent: it reuses a live execution of the same burst), stops a running burst past its deadline,
// skips a burst due after the run's last start time, and once every burst has its outcome raises "operations done"
// with the per-burst records. Outcomes come from the agent-events trigger and crashes from the agent watchdog, both
// as signals to the entity. One scenario's failure is logged and counted; the others are still driven.
import type { ActivityHandler } from '../contract/activities';
import {
  BURST_FINAL,
  BURSTS_ENTITY_NAME,
  OPERATIONS_DONE_EVENT,
  burstsEntitySignal,
  type BurstRecord,
  type BurstsEntityState,
  type BurstsOperation,
  type OperationsDoneEvent,
} from '../contract/bursts';
import { SCENARIO_ORCHESTRATION, type ScenarioCustomStatus } from '../contract/orchestrations';
import { errorText } from '../core/error-text';
import { allBurstsDone } from '../entities/bursts-state';
import type { DurableClientPort, InstanceSummary } from './durable-client-port';

/** A start that keeps failing is given up after this long, as the activity's own retries would. */
const START_GIVE_UP_MS = 5 * 60_000;

export interface BurstDriverOptions {
  client: Pick<DurableClientPort, 'listActive' | 'readEntity' | 'signal' | 'raiseEvent'>;
  startAgentJob: ActivityHandler<'startAgentJob'>;
  stopAgentJob: ActivityHandler<'stopAgentJob'>;
  now: Date;
  log?: (message: string) => void;
}

export interface BurstDriverResult {
  driven: number;
  started: { instanceId: string; burst: number; executionName: string }[];
  done: string[];
  failed: { instanceId: string; error: string }[];
}

const waitsOnOperations = (s: InstanceSummary) =>
  (s.customStatus as ScenarioCustomStatus | null | undefined)?.waitingFor === OPERATIONS_DONE_EVENT;

export async function onBurstDriver(options: BurstDriverOptions): Promise<BurstDriverResult> {
  const waiting = (await options.client.listActive(SCENARIO_ORCHESTRATION)).filter(waitsOnOperations);
  const result: BurstDriverResult = { driven: waiting.length, started: [], done: [], failed: [] };
  for (const instance of waiting) {
    try {
      await driveOne(options, instance.instanceId, result);
    } catch (error) {
      result.failed.push({ instanceId: instance.instanceId, error: errorText(error) });
      options.log?.(`burst driver: could not drive ${instance.instanceId}: ${errorText(error)}`);
    }
  }
  return result;
}

async function driveOne(options: BurstDriverOptions, instanceId: string, result: BurstDriverResult) {
  const state = await options.client.readEntity<BurstsEntityState>(BURSTS_ENTITY_NAME, instanceId);
  // Not registered yet (the orchestration's signal is still on its way), or the scenario was stopped.
  if (!state || state.bursts.length === 0 || state.cancelled || !state.scenario || !state.principal) return;
  const tell = (op: BurstsOperation) => options.client.signal(burstsEntitySignal(instanceId, op));
  const at = options.now.toISOString();
  const nowMs = options.now.getTime();

  if (allBurstsDone(state)) {
    // Raised once: the orchestration's custom status still says it waits until its next episode ends, and each
    // extra event would cost its history an episode.
    if (state.reportedAt) return;
    const done: OperationsDoneEvent = { bursts: state.bursts };
    await options.client.raiseEvent(instanceId, OPERATIONS_DONE_EVENT, done);
    await tell({ type: 'reported', at });
    result.done.push(instanceId);
    return;
  }
  // One burst at a time, in order, as the orchestration ran them: the first one without an outcome.
  const b = state.bursts.find((x) => !BURST_FINAL.has(x.status))!;
  if (b.status === 'running') return stopIfLate(options, state, b, tell, at, nowMs);
  if (Date.parse(b.fireAt) > nowMs) return;
  if (state.latestBurstStart && Date.parse(b.fireAt) > Date.parse(state.latestBurstStart))
    return tell({ type: 'skipped', burst: b.burst, at, error: 'no time left before the run expires' });
  try {
    const started = await options.startAgentJob({
      ...state.scenario,
      phase: 'operate',
      burst: b.burst,
      principal: state.principal,
    });
    const replaced = (started.replacedExecutions ?? [])
      .filter((d) => d.executionName !== started.executionName)
      .map((d) => ({
        executionName: d.executionName,
        at,
        reason: `execution ${d.executionName} ended ${d.status} before the driver waited on it`,
      }));
    await tell({
      type: 'started',
      burst: b.burst,
      executionName: started.executionName,
      at,
      ...(replaced.length > 0 ? { replaced } : {}),
    });
    result.started.push({ instanceId, burst: b.burst, executionName: started.executionName });
  } catch (error) {
    options.log?.(
      `burst driver: starting operate burst ${b.burst} of ${instanceId} failed: ${errorText(error)}`,
    );
    if (nowMs - Date.parse(b.fireAt) >= START_GIVE_UP_MS)
      await tell({
        type: 'startFailed',
        burst: b.burst,
        at,
        error: `could not start the agent job for the operate burst ${b.burst}: ${errorText(error)}`,
      });
    else throw error;
  }
}

/** Deadline: stop the job so it cannot keep acting while cleanup verification removes what it made. */
async function stopIfLate(
  options: BurstDriverOptions,
  state: BurstsEntityState,
  b: BurstRecord,
  tell: (op: BurstsOperation) => Promise<void>,
  at: string,
  nowMs: number,
) {
  const deadlineMs = Date.parse(b.startedAt!) + state.deadlineMinutes * 60_000 * b.attempt;
  if (nowMs < deadlineMs || !b.executionName) return;
  let note: string;
  try {
    note = (await options.stopAgentJob({ executionName: b.executionName })).stopped
      ? 'stopped'
      : 'already ended';
  } catch (error) {
    note = `stopping it failed: ${errorText(error)}`;
  }
  await tell({
    type: 'timedOut',
    burst: b.burst,
    at,
    error: `agent job ${b.executionName} did not report the end of the operate burst ${b.burst} within ${state.deadlineMinutes} min (${note})`,
  });
}
