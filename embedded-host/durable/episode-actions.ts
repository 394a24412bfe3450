import { Action, ActionType, takesTaskId } from './actions';
import type { EpisodeDeps } from './episode';
import { EventType, historyEvent } from './history';
import { OrchestrationRecord, Outstanding, OutboxMessage } from './records';

/** The SDK pre-serialises string inputs (`processInput`); undo that so every input is serialised once. */
function toJson(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  return JSON.stringify(typeof value === 'string' ? safeParse(value) : value);
}

export function startMessage(
  record: OrchestrationRecord,
  taskId: number,
  childId: string,
  name: string,
  inputJson: unknown,
): OutboxMessage {
  return {
    id: `${record.instanceId}|${record.executionId}|${taskId}`,
    to: childId,
    body: {
      kind: 'start',
      name,
      input: inputJson === undefined ? undefined : JSON.parse(inputJson as string),
      parent: { instanceId: record.instanceId, taskId },
    },
  };
}

export function applyNewAction(
  record: OrchestrationRecord,
  a: Action,
  schedule: (o: Outstanding) => void,
  deps: EpisodeDeps,
): string | undefined {
  const now = deps.now;
  const taskId = takesTaskId(a) ? record.nextTaskId++ : -1;
  const retry = a.retryOptions ? { policy: a.retryOptions as never, attempt: 1 } : undefined;
  switch (a.actionType) {
    case ActionType.CallActivity:
    case ActionType.CallActivityWithRetry: {
      const input = toJson(a.input);
      record.history.push(
        historyEvent(EventType.TaskScheduled, now, { Name: a.functionName, Input: input }, taskId),
      );
      schedule({ kind: 'activity', taskId, name: a.functionName as string, input, retry });
      return undefined;
    }
    case ActionType.CallSubOrchestrator:
    case ActionType.CallSubOrchestratorWithRetry: {
      const childId = a.instanceId || `${record.instanceId}:${taskId}`;
      const input = toJson(a.input);
      record.history.push(
        historyEvent(
          EventType.SubOrchestrationInstanceCreated,
          now,
          { Name: a.functionName, InstanceId: childId, Input: input },
          taskId,
        ),
      );
      record.outbox.push(startMessage(record, taskId, childId, a.functionName as string, input));
      const sub = { kind: 'sub', taskId, instanceId: childId, name: a.functionName as string } as const;
      schedule(retry ? { ...sub, input, retry } : sub);
      return undefined;
    }
    case ActionType.CreateTimer: {
      const fireAtMs = Date.parse(a.fireAt as string);
      record.history.push(
        historyEvent(EventType.TimerCreated, now, { FireAt: new Date(fireAtMs).toISOString() }, taskId),
      );
      schedule({ kind: 'timer', taskId, fireAtMs });
      return undefined;
    }
    case ActionType.CallEntity:
    case ActionType.SignalEntity: {
      const signal = a.actionType === ActionType.SignalEntity;
      const requestId = deps.newGuid();
      const input = toJson(a.input);
      const request = { op: a.operation, signal, input, id: requestId, parent: record.instanceId };
      record.history.push(
        historyEvent(
          EventType.EventSent,
          now,
          { InstanceId: a.instanceId, Name: a.operation, Input: JSON.stringify(request) },
          taskId,
        ),
      );
      record.outbox.push({
        id: `${record.instanceId}|${record.executionId}|${taskId}`,
        to: a.instanceId as string,
        body: {
          kind: 'entityOp',
          operation: a.operation as string,
          input,
          signal,
          requestId,
          parent: signal ? undefined : record.instanceId,
        },
      });
      return undefined;
    }
    case ActionType.WaitForExternalEvent:
    case ActionType.ContinueAsNew:
      return undefined;
    case ActionType.CallHttp:
      return `orchestration "${record.name}" used callHttp, which the embedded host does not support — call HTTP from an activity instead`;
    default:
      return `orchestration "${record.name}" produced action type ${a.actionType}, which the embedded host does not support (entity locks need schema V4)`;
  }
}

export function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
