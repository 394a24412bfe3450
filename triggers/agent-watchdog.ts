// The agent watchdog timer: finds scenario orchestrations waiting on an agent job whose execution ended without
// reporting (Container Apps status Failed or Stopped, or the execution gone) and raises the phase event they wait on
// with `crashed`, so the orchestration starts the phase again instead of waiting out its deadline. It lives outside
// the orchestration so detection costs the orchestration no history: no polling loop, one event per crash.
// An execution whose agent reported (phase_completed / phase_failed in the audit trail) is not a crash, whatever its
// status: a failed phase exits non-zero, so Failed alone proves nothing. The grace period covers the agent's last
// event still in flight on Service Bus.
import pLimit from 'p-limit';
import type { AgentJobs, ExecutionStatus } from '../adapters/container-apps';
import type { AuditEventRecord, AuditStore } from '../adapters/audit-store';
import type { PhaseOutcomeEvent } from '../contract/events';
import { SCENARIO_ORCHESTRATION, type ScenarioCustomStatus } from '../contract/orchestrations';
import { errorText } from '../core/error-text';
import {
  BURSTS_ENTITY_NAME,
  OPERATIONS_DONE_EVENT,
  burstsEntitySignal,
  type BurstsEntityState,
} from '../contract/bursts';
import type { DurableClientPort, InstanceSummary } from './durable-client-port';

/**
 * Execution states that mean "the container is no longer running" (JobExecution.properties.status, enum Running,
 * Processing, Stopped, Degraded, Failed, Unknown, Succeeded in the Microsoft.App REST spec's JobExecution schema;
 * https://learn.microsoft.com/en-us/javascript/api/@azure/arm-appcontainers/jobexecution). Succeeded is not here: the
 * agent exits 0 only after publishing phase_completed. Degraded and Unknown are left to the phase deadline.
 */
const ENDED_UNREPORTED: ReadonlySet<string> = new Set(['failed', 'stopped']);

/** Executions first seen ended without a report, by `<instanceId>|<executionName>`: the grace period's clock. */
export type WatchdogMemory = Map<string, { firstSeenMs: number; raised: boolean }>;

export interface AgentWatchdogOptions {
  client: Pick<DurableClientPort, 'listActive' | 'raiseEvent'> &
    Partial<Pick<DurableClientPort, 'readEntity' | 'signal'>>;
  executions: Pick<AgentJobs, 'status'>;
  audit: Pick<AuditStore, 'listEvents' | 'recordEvent'>;
  memory: WatchdogMemory;
  graceMs: number;
  now: Date;
  log?: (message: string) => void;
}

export interface WatchdogResult {
  watched: number;
  crashed: { instanceId: string; executionName: string; eventName: string }[];
  /** Waits this tick could not check or tell (an ARM error, a failed raise); the next tick tries them again. */
  failed: { instanceId: string; executionName: string; error: string }[];
}

interface Waiting {
  instance: InstanceSummary;
  status: ScenarioCustomStatus & { waitingFor: string; executionName: string };
  runId: string;
  scenarioId: string;
  /** Tells whoever waits on the execution that it crashed (the orchestration, or the bursts entity for a burst). */
  tell?: (payload: PhaseOutcomeEvent) => Promise<void>;
}

/** The running burst of a scenario whose bursts the burst driver runs (triggers/burst-driver.ts), as a wait. */
async function burstWaitOf(client: AgentWatchdogOptions['client'], instance: InstanceSummary, now: Date) {
  const status = instance.customStatus as ScenarioCustomStatus | null | undefined;
  if (status?.waitingFor !== OPERATIONS_DONE_EVENT || !client.readEntity || !client.signal) return undefined;
  const state = await client.readEntity<BurstsEntityState>(BURSTS_ENTITY_NAME, instance.instanceId);
  const running = state?.bursts.find((b) => b.status === 'running' && b.executionName);
  const colon = instance.instanceId.indexOf(':');
  if (!running || colon <= 0) return undefined;
  const signal = client.signal;
  const wait: Waiting = {
    instance,
    status: {
      step: 'operate',
      phase: 'operate',
      burst: running.burst,
      waitingFor: `agent:operate:${running.burst}`,
      executionName: running.executionName!,
      attempt: running.attempt,
    },
    runId: instance.instanceId.slice(0, colon),
    scenarioId: instance.instanceId.slice(colon + 1),
    tell: (payload) =>
      signal(
        burstsEntitySignal(instance.instanceId, {
          type: 'crashed',
          burst: running.burst,
          at: now.toISOString(),
          executionName: payload.executionName!,
          reason: payload.error ?? 'the execution ended without reporting',
        }),
      ),
  };
  return wait;
}

/** `<runId>:<scenarioId>` (core/naming.ts scenarioInstanceId); the run id is a uuid, so the first colon splits. */
function waitingOn(instance: InstanceSummary): Waiting | undefined {
  const status = instance.customStatus as ScenarioCustomStatus | null | undefined;
  if (!status?.waitingFor || !status.executionName || !status.phase) return undefined;
  const colon = instance.instanceId.indexOf(':');
  if (colon <= 0) return undefined;
  return {
    instance,
    status: status as Waiting['status'],
    runId: instance.instanceId.slice(0, colon),
    scenarioId: instance.instanceId.slice(colon + 1),
  };
}

const reported = (events: AuditEventRecord[], w: Waiting): boolean =>
  events.some(
    (e) =>
      e.source === 'agent' &&
      (e.type === 'phase_completed' || e.type === 'phase_failed') &&
      e.scenarioId === w.scenarioId &&
      e.phase === w.status.phase &&
      (e.burst ?? undefined) === (w.status.burst ?? undefined),
  );

/** Bursts entities read at once per tick. */
const READ_CONCURRENCY = 16;

export async function onAgentWatchdog(options: AgentWatchdogOptions): Promise<WatchdogResult> {
  const active = await options.client.listActive(SCENARIO_ORCHESTRATION);
  // A few reads at a time: thousands at once exhaust sockets (SNAT ports in Azure, file descriptors locally at s3000).
  const limit = pLimit(READ_CONCURRENCY);
  const bursts = await Promise.all(
    active.map((i) =>
      limit(() => burstWaitOf(options.client, i, options.now)).catch((error: unknown) => {
        options.log?.(`agent watchdog: could not read the bursts of ${i.instanceId}: ${errorText(error)}`);
        return undefined;
      }),
    ),
  );
  const waiting = [...active.map(waitingOn), ...bursts].filter((w): w is Waiting => w !== undefined);
  const tick: Tick = { options, seen: new Set(), trails: new Map() };
  const result: WatchdogResult = { watched: waiting.length, crashed: [], failed: [] };

  // One wait's failure (an ARM error reading its execution, a raise that fails) is logged and counted, and the others
  // are still checked: one broken scenario must not blind the watchdog to every other crash.
  for (const w of waiting) {
    try {
      const crash = await checkOne(tick, w);
      if (crash) result.crashed.push(crash);
    } catch (error) {
      const { executionName } = w.status;
      tick.seen.add(`${w.instance.instanceId}|${executionName}`);
      result.failed.push({ instanceId: w.instance.instanceId, executionName, error: errorText(error) });
      options.log?.(
        `agent watchdog: could not check execution ${executionName} of ${w.instance.instanceId}: ${errorText(error)}`,
      );
    }
  }
  // Forget executions nobody waits on any more, so the memory stays as small as the set of live waits.
  for (const key of options.memory.keys()) if (!tick.seen.has(key)) options.memory.delete(key);
  return result;
}

interface Tick {
  options: AgentWatchdogOptions;
  /** Memory keys still waited on this tick. */
  seen: Set<string>;
  /** Each run's audit trail, read once per tick. */
  trails: Map<string, Promise<AuditEventRecord[]>>;
}

/** Checks one wait; tells its orchestration when its execution crashed. Throws what it could not do. */
async function checkOne(tick: Tick, w: Waiting): Promise<WatchdogResult['crashed'][number] | undefined> {
  const { options, seen, trails } = tick;
  const nowMs = options.now.getTime();
  const { executionName, waitingFor } = w.status;
  const key = `${w.instance.instanceId}|${executionName}`;
  seen.add(key);
  const found = await options.executions.status(executionName);
  const state: ExecutionStatus | 'gone' = found.found ? found.status : 'gone';
  if (state !== 'gone' && !ENDED_UNREPORTED.has(state.toLowerCase())) {
    seen.delete(key);
    return undefined;
  }
  const memo = options.memory.get(key) ?? { firstSeenMs: nowMs, raised: false };
  options.memory.set(key, memo);
  if (memo.raised || nowMs - memo.firstSeenMs < options.graceMs) return undefined;

  if (!trails.has(w.runId)) trails.set(w.runId, options.audit.listEvents(w.runId));
  if (reported(await trails.get(w.runId)!, w)) return undefined;

  const reason =
    state === 'gone'
      ? `execution ${executionName} is gone without reporting`
      : `execution ${executionName} ended ${state} without reporting`;
  const payload: PhaseOutcomeEvent = {
    eventId: `crash:${executionName}`,
    phase: w.status.phase!,
    ...(w.status.burst !== undefined ? { burst: w.status.burst } : {}),
    succeeded: false,
    crashed: true,
    executionName,
    error: reason,
  };
  await options.audit.recordEvent({
    eventId: payload.eventId,
    runId: w.runId,
    scenarioId: w.scenarioId,
    type: 'agent_job_crashed',
    source: 'orchestrator',
    phase: payload.phase,
    ...(payload.burst !== undefined ? { burst: payload.burst } : {}),
    timestamp: options.now.toISOString(),
    data: { executionName, status: state, attempt: w.status.attempt ?? 1 },
  });
  if (w.tell) await w.tell(payload);
  else await options.client.raiseEvent(w.instance.instanceId, waitingFor, payload);
  memo.raised = true;
  options.log?.(`agent watchdog: ${reason}; told ${w.instance.instanceId} (${waitingFor})`);
  return { instanceId: w.instance.instanceId, executionName, eventName: waitingFor };
}
