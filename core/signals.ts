// The operational signals the alerts read (bicep/modules/alerts.bicep): one log line each, with the run and scenario
// they concern, written where the fact becomes known. In Azure the lines land in Application Insights' traces, the
// workspace table AppTraces, where a scheduled query rule matches `haymaker-signal {"signal":"<name>",...}`.
// The line is JSON after a fixed marker so the query can parse it (parse_json) whatever stamp precedes it.

export const SIGNAL_MARKER = 'haymaker-signal';

export const SIGNAL_NAMES = [
  /** A run ended failed (a defect, an invalid configuration, or cleanup not verified). */
  'run_failed',
  /** A run was terminated (through the API, or stopped outside it and found by the janitor). */
  'run_terminated',
  /** A scenario's cleanup could not be verified: something it made may be left. */
  'cleanup_unverified',
  /** The janitor removed leftovers of runs that no longer ran. */
  'janitor_removed',
] as const;
export type SignalName = (typeof SIGNAL_NAMES)[number];

export interface Signal {
  signal: SignalName;
  runId: string;
  scenarioId?: string;
  /** A count or short reason; never a secret, never raw error text from Azure. */
  detail?: string | number;
}

export function signalLine(s: Signal): string {
  return `${SIGNAL_MARKER} ${JSON.stringify({
    signal: s.signal,
    run_id: s.runId,
    scenario_id: s.scenarioId ?? null,
    ...(s.detail !== undefined ? { detail: s.detail } : {}),
  })}`;
}

/** The signal a log line carries, if any (the alert query's parse, for tests and tools). */
export function signalIn(line: string): Record<string, unknown> | undefined {
  const at = line.indexOf(`${SIGNAL_MARKER} {`);
  if (at < 0) return undefined;
  try {
    return JSON.parse(line.slice(at + SIGNAL_MARKER.length + 1)) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
