// One shape for the log lines of orchestrations and activities, so a line found in Application Insights (or the
// embedded host's output) names the instance it belongs to, whether it was written during a replay, and the
// orchestration time it speaks of: `instance=<id> replay=<bool> time=<ISO-8601> [<where>] <message>`.

export interface Log {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface LogStamp {
  /** The orchestration instance the line belongs to (for an activity: the instance that called it). */
  instanceId: string;
  replaying: boolean;
  /** Orchestration time for an orchestration; the activity's clock for an activity. */
  time: Date;
  /** The function writing the line (an activity name), when it is not the orchestration itself. */
  source?: string;
}

function formatLogLine(stamp: LogStamp, message: string): string {
  const where = stamp.source ? ` ${stamp.source}:` : '';
  return `instance=${stamp.instanceId} replay=${stamp.replaying} time=${stamp.time.toISOString()}${where} ${message}`;
}

/** The three levels of a Functions invocation context, which is where the lines go. */
export type LogTarget = Pick<Log, 'info' | 'warn' | 'error'>;

/** A Log that stamps every line and hands it to `target`, or drops it when `enabled()` says so. */
export function stampedLog(
  target: LogTarget,
  stamp: () => LogStamp,
  enabled: () => boolean = () => true,
): Log {
  const write = (level: keyof LogTarget) => (message: string) => {
    if (enabled()) target[level](formatLogLine(stamp(), message));
  };
  return { info: write('info'), warn: write('warn'), error: write('error') };
}
