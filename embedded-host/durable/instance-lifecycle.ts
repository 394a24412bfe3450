import { randomUUID } from 'node:crypto';
import type { Action } from './actions';
import { safeParse } from './episode-actions';
import { EventType, historyEvent } from './history';
import { OrchestrationRecord } from './records';

export function finish(
  record: OrchestrationRecord,
  status: 'Completed' | 'Failed' | 'Terminated',
  output: unknown,
  now: number,
): void {
  record.status = status;
  record.output = output;
  record.outstanding = [];
  record.lastUpdatedTime = new Date(now).toISOString();
  const type = status === 'Terminated' ? EventType.ExecutionTerminated : EventType.ExecutionCompleted;
  record.history.push(
    historyEvent(type, now, { OrchestrationStatus: status, Result: JSON.stringify(output ?? null) }),
  );
  if (!record.parent) return;
  const { instanceId, taskId } = record.parent;
  const event =
    status === 'Completed'
      ? historyEvent(EventType.SubOrchestrationInstanceCompleted, now, {
          TaskScheduledId: taskId,
          Result: JSON.stringify(output ?? null),
        })
      : historyEvent(EventType.SubOrchestrationInstanceFailed, now, {
          TaskScheduledId: taskId,
          Reason: `Sub-orchestration "${record.name}" (${record.instanceId}) ${status === 'Failed' ? 'failed' : 'was terminated'}: ${String(output)}`,
          Details: '',
        });
  // Random is safe here: the outbox is persisted before it is sent, so a resend reuses this id; a
  // rerun of the same child (retry, rewind) gets a new one and is not mistaken for a duplicate.
  record.outbox.push({
    id: `${record.instanceId}|done|${randomUUID()}`,
    to: instanceId,
    body: { kind: 'event', event },
  });
}

export function startNextExecution(record: OrchestrationRecord, action: Action, now: number): void {
  record.executionId += 1;
  record.input =
    action.input === undefined
      ? null
      : typeof action.input === 'string'
        ? safeParse(action.input)
        : action.input;
  record.history = [];
  record.decisions = [];
  record.nextTaskId = 0;
  record.outstanding = [];
  record.status = 'Running';
  const carried = record.inbox.filter((entry) => entry.event.EventType === EventType.EventRaised);
  record.inbox = [
    {
      event: historyEvent(EventType.ExecutionStarted, now, {
        Name: record.name,
        Input: JSON.stringify(record.input),
      }),
    },
    ...carried,
  ];
}
