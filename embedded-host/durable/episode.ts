import { randomUUID } from 'node:crypto';
import { Action, ActionType, actionSignature, flattenActions, takesTaskId } from './actions';
import { EventType, HistoryEvent, historyEvent } from './history';
import { InboxEntry, OrchestrationRecord, Outstanding, OutboxMessage, RetryOf } from './records';
import { retryDelayMs } from './retry';

export interface EpisodeDeps {
  now: number;
  upperSchemaVersion: number;
  invokeOrchestrator(name: string, triggerInput: unknown): Promise<unknown>;
  newGuid(): string;
}

interface OrchestratorState {
  isDone?: boolean;
  actions?: unknown;
  output?: unknown;
  error?: string;
  customStatus?: unknown;
}

// Long timers become one timer: the host arms timers of any length itself.
const HUGE_SHORT_TIMER = '36500.00:00:00';

/**
 * Runs one orchestrator episode: replays the history plus `batch` (the head of the inbox) through the SDK, checks the
 * actions against earlier decisions, and records what the new actions ask for. Mutates `record`;
 * the caller persists it and then starts the new outstanding work and sends the outbox.
 */
export async function runEpisode(
  record: OrchestrationRecord,
  batch: InboxEntry[],
  deps: EpisodeDeps,
): Promise<Outstanding[]> {
  const { now } = deps;
  const started = historyEvent(EventType.OrchestratorStarted, now);
  const newEvents = batch.map((b) => b.event);
  const replayHistory = [...record.history.map((e) => ({ ...e, IsPlayed: true })), started, ...newEvents];
  let state: OrchestratorState | undefined;
  let failure: string | undefined;
  try {
    state = (await deps.invokeOrchestrator(record.name, {
      history: JSON.parse(JSON.stringify(replayHistory)),
      input: record.input,
      instanceId: record.instanceId,
      isReplaying: false,
      parentInstanceId: record.parent?.instanceId ?? '',
      upperSchemaVersion: deps.upperSchemaVersion,
      maximumShortTimerDuration: HUGE_SHORT_TIMER,
      longRunningTimerIntervalDuration: '3.00:00:00',
      defaultHttpAsyncRequestSleepTimeMillseconds: 30000,
    })) as OrchestratorState;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const marker = message.indexOf('$OutOfProcData$:');
    if (marker >= 0) {
      try {
        state = JSON.parse(message.slice(marker + '$OutOfProcData$:'.length)) as OrchestratorState;
      } catch {
        state = undefined;
      }
      failure = state?.error ?? message.slice(0, marker).trim();
    } else failure = message;
  }
  // The batch stays in the inbox until here, so anything persisted while the orchestrator ran
  // (an event raised meanwhile) still holds it; from here on the record changes synchronously.
  record.inbox.splice(0, batch.length);
  record.replayEpisodes += 1;
  record.history.push(started, ...newEvents);
  const resolved = new Map<string, Outstanding>();
  record.outstanding = record.outstanding.filter((o) => {
    const hit = newEvents.some((e) => resolves(e, o));
    if (hit) resolved.set(`${o.kind}:${o.taskId}`, o);
    return !hit;
  });

  const created: Outstanding[] = [];
  const schedule = (o: Outstanding): void => {
    record.outstanding.push(o);
    created.push(o);
  };

  // Retry ids come before new actions: the SDK hands them out while it processes the event.
  if (batch.length === 1 && batch[0].retry) {
    continueRetry(record, batch[0].event, resolved, schedule, now);
  }

  const actions = flattenActions(state?.actions);
  if (failure === undefined) {
    const known = record.decisions.length;
    for (let i = 0; i < Math.min(known, actions.length); i++) {
      const signature = actionSignature(actions[i]);
      if (signature !== record.decisions[i]) {
        failure =
          `Non-deterministic orchestration "${record.name}" (instance ${record.instanceId}): at action position ${i} the history ` +
          `recorded ${record.decisions[i]} but the code now produces ${signature}. Orchestrator code changed while this instance ` +
          `was in flight — deploy the change under a new orchestration name or finish/terminate running instances first.`;
        break;
      }
    }
    if (failure === undefined) {
      for (const action of actions.slice(known)) {
        record.decisions.push(actionSignature(action));
        const problem = applyNewAction(record, action, schedule, deps);
        if (problem) {
          failure = problem;
          break;
        }
      }
    }
  }
  record.history.push(historyEvent(EventType.OrchestratorCompleted, now));
  if (state && 'customStatus' in state) record.customStatus = state.customStatus ?? null;
  record.lastUpdatedTime = new Date(now).toISOString();
  if (record.status === 'Pending') record.status = 'Running';

  if (failure !== undefined) {
    finish(record, 'Failed', failure, now);
    return [];
  }
  if (state?.isDone) {
    const continueAsNew = actions.find((a) => a.actionType === ActionType.ContinueAsNew);
    if (continueAsNew) startNextExecution(record, continueAsNew, now);
    else finish(record, 'Completed', state.output ?? null, now);
    return created.filter((o) => record.outstanding.includes(o));
  }
  return created;
}

function resolves(e: HistoryEvent, o: Outstanding): boolean {
  switch (e.EventType) {
    case EventType.TaskCompleted:
    case EventType.TaskFailed:
      return o.kind === 'activity' && o.taskId === e.TaskScheduledId;
    case EventType.SubOrchestrationInstanceCompleted:
    case EventType.SubOrchestrationInstanceFailed:
      return o.kind === 'sub' && o.taskId === e.TaskScheduledId;
    case EventType.TimerFired:
      return o.kind === 'timer' && o.taskId === e.TimerId;
    default:
      return false;
  }
}

function continueRetry(
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

/** The SDK pre-serialises string inputs (`processInput`); undo that so every input is serialised once. */
function toJson(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  return JSON.stringify(typeof value === 'string' ? safeParse(value) : value);
}

function startMessage(
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

function applyNewAction(
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
      schedule({ kind: 'sub', taskId, instanceId: childId, name: a.functionName as string, input, retry });
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

function startNextExecution(record: OrchestrationRecord, action: Action, now: number): void {
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

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
