import { ActionType, actionSignature, flattenActions } from './actions';
import { applyNewAction } from './episode-actions';
import { continueRetry } from './episode-retry';
import { EventType, HistoryEvent, historyEvent } from './history';
import { finish, startNextExecution } from './instance-lifecycle';
import { InboxEntry, OrchestrationRecord, Outstanding } from './records';

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
  const replayHistory = [
    ...playedCopies(record),
    replayCopy(started, false),
    ...newEvents.map((e) => replayCopy(e, false)),
  ];
  let state: OrchestratorState | undefined;
  let failure: string | undefined;
  try {
    state = (await deps.invokeOrchestrator(record.name, {
      history: replayHistory,
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

  if (failure !== undefined || state?.isDone) copiesOf.delete(record); // no more replays, unless a rewind
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

/**
 * The history as the SDK replays it, marked as played. The SDK changes what it is given (Timestamp strings become
 * Dates, in place, and only those), so it gets copies; a record keeps its copies from one episode to the next and
 * each episode copies only its new events. The copies keep the Dates the SDK made (it leaves a Date alone), so an
 * episode neither copies nor re-parses what earlier ones replayed: copying every history each episode (below 100
 * events) and re-parsing every Timestamp showed as ~4 s and ~3 s of an s1000 run's profile.
 */
function playedCopies(record: OrchestrationRecord): HistoryEvent[] {
  let cache = copiesOf.get(record);
  if (!cache || cache.source !== record.history || cache.copies.length > record.history.length) {
    cache = { source: record.history, copies: [] };
    copiesOf.set(record, cache);
  }
  const { source, copies } = cache;
  for (let i = copies.length; i < source.length; i++) copies.push(replayCopy(source[i], true));
  return copies;
}

const copiesOf = new WeakMap<OrchestrationRecord, { source: HistoryEvent[]; copies: HistoryEvent[] }>();

/** One level deep is all an event has (ParentInstance, FailureDetails): nested objects are copied whole. */
function replayCopy(event: HistoryEvent, isPlayed: boolean): HistoryEvent {
  const copy: HistoryEvent = { ...event, IsPlayed: isPlayed };
  for (const field in copy) {
    const value = copy[field];
    if (typeof value === 'object' && value !== null) copy[field] = JSON.parse(JSON.stringify(value));
  }
  return copy;
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
