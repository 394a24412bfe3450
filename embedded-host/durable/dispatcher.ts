import pLimit from 'p-limit';
import type { HostClock } from '../clock';
import { EventType, historyEvent, HistoryEvent } from './history';
import type { InstanceTable } from './instance-table';
import type { OrchestrationRecord, Outstanding } from './records';

/** Where a finished activity or a fired timer goes: the instance's inbox (in memory; the scheduler persists it). */
export type Completion = (record: OrchestrationRecord, event: HistoryEvent, retry: boolean) => void;

/**
 * Starts the work an episode asked for: activities under a concurrency limit (host.json's
 * maxConcurrentActivityFunctions), timers on the host clock. Sub-orchestrations need nothing here: the child
 * reports back through its outbox. Results are not persisted: a lost one is recovered by running the still
 * outstanding work again after a restart (activities run at least once).
 */
export class Dispatcher {
  private readonly limit: ReturnType<typeof pLimit>;
  /** Armed timers by instance, then by execution and task id. */
  private readonly timers = new Map<string, Map<string, () => void>>();
  private readonly running = new Set<Promise<unknown>>();
  private stopped = false;

  constructor(
    private readonly table: InstanceTable,
    private readonly clock: HostClock,
    private readonly runActivity: (name: string, input: unknown) => Promise<unknown>,
    private readonly complete: Completion,
    activityConcurrency: number,
  ) {
    this.limit = pLimit(Math.max(1, activityConcurrency));
  }

  dispatch(record: OrchestrationRecord, o: Outstanding): void {
    if (this.stopped) return;
    if (o.kind === 'timer') this.armTimer(record, o);
    else if (o.kind === 'activity') this.startActivity(record, o);
  }

  cancelTimersOf(instanceId: string): void {
    for (const cancel of this.timers.get(instanceId)?.values() ?? []) cancel();
    this.timers.delete(instanceId);
  }

  /** Cancels every timer and waits (up to `graceMs`) for running activities. */
  async stop(graceMs: number): Promise<void> {
    this.stopped = true;
    for (const id of [...this.timers.keys()]) this.cancelTimersOf(id);
    const deadline = Date.now() + graceMs;
    while (this.running.size > 0 && Date.now() < deadline)
      await Promise.race([...this.running, new Promise((r) => setTimeout(r, 50))]);
  }

  private armTimer(record: OrchestrationRecord, o: Extract<Outstanding, { kind: 'timer' }>): void {
    const { instanceId, executionId } = record;
    const key = `${executionId}:${o.taskId}`;
    let armed = this.timers.get(instanceId);
    if (armed?.has(key)) return;
    if (!armed) this.timers.set(instanceId, (armed = new Map()));
    const cancel = this.clock.schedule(o.fireAtMs, () => {
      armed.delete(key);
      if (armed.size === 0 && this.timers.get(instanceId) === armed) this.timers.delete(instanceId);
      const current = this.current(instanceId, executionId, o);
      if (!current) return;
      const fired = historyEvent(EventType.TimerFired, this.table.now(), {
        TimerId: o.taskId,
        FireAt: new Date(o.fireAtMs).toISOString(),
      });
      this.complete(current, fired, !!o.retryOf);
    });
    armed.set(key, cancel);
  }

  private startActivity(record: OrchestrationRecord, o: Extract<Outstanding, { kind: 'activity' }>): void {
    const { instanceId, executionId } = record;
    const run = this.limit(async () => {
      if (this.stopped) return;
      let event: HistoryEvent;
      try {
        const input = typeof o.input === 'string' ? JSON.parse(o.input) : undefined;
        const result = await this.runActivity(o.name, input);
        event = historyEvent(EventType.TaskCompleted, this.table.now(), {
          TaskScheduledId: o.taskId,
          Result: JSON.stringify(result ?? null),
        });
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        event = historyEvent(EventType.TaskFailed, this.table.now(), {
          TaskScheduledId: o.taskId,
          Reason: `Activity function '${o.name}' failed: ${message}`,
          Details: '',
        });
      }
      const current = this.stopped ? undefined : this.current(instanceId, executionId, o);
      if (current) this.complete(current, event, event.EventType === EventType.TaskFailed && !!o.retry);
    });
    this.running.add(run);
    void run.finally(() => this.running.delete(run));
  }

  /** The record still waiting on `o` (same execution, not purged or restarted meanwhile), if any. */
  private current(instanceId: string, executionId: number, o: Outstanding): OrchestrationRecord | undefined {
    const current = this.table.get(instanceId);
    return current && current.executionId === executionId && current.outstanding.includes(o)
      ? current
      : undefined;
  }
}
