// Replays a recorded orchestration history through the app's registered orchestrator (the real durable-functions
// SDK, the same trigger input the embedded host and Azure send) and returns what the code decides.
import path from 'node:path';
import { invoke } from '../../../embedded-host/invocation';
import { loadApp } from '../../../embedded-host/load-app';
import { fakeAppEntry } from '../../../testkit/orchestration-harness';

export interface RecordedHistory {
  instanceId: string;
  input: unknown;
  /** The instance's history as the embedded host stored it (the SDK's out-of-process protocol). */
  history: unknown[];
  /** What the recording code decided when it replayed the whole history. */
  actions?: unknown;
  output?: unknown;
  customStatus?: unknown;
}

export interface Decisions {
  isDone: boolean;
  actions: unknown;
  output: unknown;
  customStatus: unknown;
}

export async function replayThroughOrchestrator(
  recorded: Pick<RecordedHistory, 'instanceId' | 'input' | 'history'>,
  orchestrator = 'haymakerScenarioOrchestration',
  appEntry = fakeAppEntry,
): Promise<Decisions> {
  const { registrations, functionsModule } = loadApp(path.resolve(appEntry));
  const reg = registrations.find((r) => r.name === orchestrator && r.trigger.type === 'orchestrationTrigger');
  if (!reg) throw new Error(`${appEntry} registers no orchestrator named ${orchestrator}`);
  const state = (await invoke(
    reg,
    {
      history: recorded.history.map((e) => ({ ...(e as object), IsPlayed: true })),
      input: recorded.input,
      instanceId: recorded.instanceId,
      isReplaying: true,
      parentInstanceId: '',
      upperSchemaVersion: 2,
      maximumShortTimerDuration: '36500.00:00:00',
      longRunningTimerIntervalDuration: '3.00:00:00',
      defaultHttpAsyncRequestSleepTimeMillseconds: 30000,
    },
    { functionsModule, logger: () => undefined, clientData: () => ({}) },
  )) as Partial<Decisions>;
  // As the host receives it: JSON (dates as ISO strings, no classes).
  return JSON.parse(
    JSON.stringify({
      isDone: state.isDone === true,
      actions: state.actions ?? null,
      output: state.output ?? null,
      customStatus: state.customStatus ?? null,
    }),
  ) as Decisions;
}
