// The schedule timer: starts one run per schedule slot and records the next slot in the status entity.
import { statusEntitySignal } from '../contract/entities';
import type { DurableClientPort } from './durable-client-port';
import { nextOccurrenceAfter, scheduledRunInstanceId, scheduleSlot } from './run-instance-id';
import { startRun } from './start-run';

export interface RunTimerOptions {
  client: DurableClientPort;
  scheduleCron: string;
  now: Date;
  /** `scheduleStatus.next` of the timer invocation, when the host provides it. */
  next?: string;
  log?: (message: string) => void;
}

export interface RunTimerResult {
  instanceId: string;
  started: boolean;
  nextScheduledRun: string;
}

export async function onRunTimer(options: RunTimerOptions): Promise<RunTimerResult> {
  const slot = scheduleSlot(options.scheduleCron, options.now, options.next);
  const instanceId = scheduledRunInstanceId(slot);
  const nextScheduledRun = nextOccurrenceAfter(options.scheduleCron, slot).toISOString();
  await options.client.signal(statusEntitySignal({ type: 'nextScheduled', at: nextScheduledRun }));

  const existing = await options.client.getStatus(instanceId);
  if (existing) {
    options.log?.(
      `run ${instanceId} for schedule slot ${slot.toISOString()} already exists (${existing.runtimeStatus}); not starting it again`,
    );
    return { instanceId, started: false, nextScheduledRun };
  }
  await startRun(options.client, { trigger: 'timer' }, { now: options.now, runId: instanceId });
  options.log?.(`started run ${instanceId} for schedule slot ${slot.toISOString()}`);
  return { instanceId, started: true, nextScheduledRun };
}
