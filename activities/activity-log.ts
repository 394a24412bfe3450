// The activities' logger: every line names the orchestration instance that called the activity (from the run and
// scenario ids in its input: a JavaScript activity is not told its caller's instance id) and the activity itself.
// Activities never replay, so nothing is suppressed.
import type { ActivityName } from '../contract/activities';
import { stampedLog, type Log, type LogTarget } from '../core/log';
import { scenarioInstanceId } from '../core/naming';

function callingInstanceId(input: unknown): string {
  const { runId, scenarioId } = (typeof input === 'object' && input !== null ? input : {}) as {
    runId?: unknown;
    scenarioId?: unknown;
  };
  if (typeof runId !== 'string') return '(none)';
  return typeof scenarioId === 'string' ? scenarioInstanceId(runId, scenarioId) : runId;
}

export function activityLog(name: ActivityName, input: unknown, target: LogTarget, now: () => Date): Log {
  const instanceId = callingInstanceId(input);
  return stampedLog(target, () => ({ instanceId, replaying: false, time: now(), source: name }));
}
