import { startMessage } from './episode-actions';
import { EventType, HistoryEvent, historyEvent } from './history';
import { OrchestrationRecord, Outstanding, RetryOf } from './records';
import { retryDelayMs } from './retry';

/**
 * Moves a retry along: a failed attempt arms the retry timer, a fired retry timer schedules the next attempt. The
 * SDK hands out their task ids while it processes the event, before any new action, so they are numbered first.
 */
export function continueRetry(
  record: OrchestrationRecord,
  event: HistoryEvent,
  resolved: Map<string, Outstanding>,
  schedule: (o: Outstanding) => void,
  now: number,
): void {
  if (
    event.EventType === EventType.TaskFailed ||
    event.EventType === EventType.SubOrchestrationInstanceFailed
  ) {
    const kind = event.EventType === EventType.TaskFailed ? 'activity' : 'sub';
    const failed = resolved.get(`${kind}:${event.TaskScheduledId as number}`);
    if (!failed || failed.kind === 'timer' || !failed.retry) return;
    const timerId = record.nextTaskId++;
    const fireAtMs = now + retryDelayMs(failed.retry.policy, failed.retry.attempt);
    record.history.push(
      historyEvent(EventType.TimerCreated, now, { FireAt: new Date(fireAtMs).toISOString() }, timerId),
    );
    const retryOf: RetryOf =
      failed.kind === 'activity'
        ? { kind: 'activity', name: failed.name, input: failed.input, retry: failed.retry }
        : {
            kind: 'sub',
            name: failed.name,
            instanceId: failed.instanceId,
            input: failed.input,
            retry: failed.retry,
          };
    schedule({ kind: 'timer', taskId: timerId, fireAtMs, retryOf });
    return;
  }
  if (event.EventType === EventType.TimerFired) {
    const timer = resolved.get(`timer:${event.TimerId as number}`);
    if (!timer || timer.kind !== 'timer' || !timer.retryOf) return;
    const { retryOf } = timer;
    if (retryOf.retry.attempt >= retryOf.retry.policy.maxNumberOfAttempts) return; // the SDK now fails the task
    const taskId = record.nextTaskId++;
    const retry = { policy: retryOf.retry.policy, attempt: retryOf.retry.attempt + 1 };
    if (retryOf.kind === 'activity') {
      record.history.push(
        historyEvent(EventType.TaskScheduled, now, { Name: retryOf.name, Input: retryOf.input }, taskId),
      );
      schedule({ kind: 'activity', taskId, name: retryOf.name, input: retryOf.input, retry });
    } else {
      record.history.push(
        historyEvent(
          EventType.SubOrchestrationInstanceCreated,
          now,
          { Name: retryOf.name, InstanceId: retryOf.instanceId, Input: retryOf.input },
          taskId,
        ),
      );
      record.outbox.push(startMessage(record, taskId, retryOf.instanceId, retryOf.name, retryOf.input));
      schedule({
        kind: 'sub',
        taskId,
        instanceId: retryOf.instanceId,
        name: retryOf.name,
        input: retryOf.input,
        retry,
      });
    }
  }
}
