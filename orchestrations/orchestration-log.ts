// The orchestrations' logger. An orchestrator function runs again from the top on every replay, so a plain
// `context.log` would repeat each line once per episode; this one stays silent while the SDK replays history and
// stamps each line with the instance id and the orchestration time (never the wall clock).
import type { OrchestrationContext } from 'durable-functions';
import { stampedLog, type Log } from '../core/log';

export interface OrchestrationLogOptions {
  /** Also write the lines of replayed code, marked `replay=true` (for debugging a non-deterministic path). */
  logReplays?: boolean;
}

export function orchestrationLog(context: OrchestrationContext, options: OrchestrationLogOptions = {}): Log {
  return stampedLog(
    context,
    () => ({
      instanceId: context.df.instanceId,
      replaying: context.df.isReplaying,
      time: context.df.currentUtcDateTime,
    }),
    () => options.logReplays === true || !context.df.isReplaying,
  );
}
