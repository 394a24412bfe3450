// Labels Activity Log events with the agent phase and burst whose time window holds them: the audit trail's
// phase_started events mark where each phase (and each operate burst) began, on the agent's clock.
import type { ActivityLogEvent } from '../../adapters/activity-log';
import type { AuditEventRecord } from '../../adapters/audit-store';
import type { HayEvent } from '../../contract/hay';
import { PHASES, type Phase } from '../../core/events';

interface PhaseStart {
  at: number;
  phase: Phase;
  burst?: number;
}

export function phaseStarts(events: readonly AuditEventRecord[], scenarioId: string): PhaseStart[] {
  return events
    .filter((e) => e.scenarioId === scenarioId && e.source === 'agent' && e.type === 'phase_started')
    .filter((e): e is AuditEventRecord & { phase: Phase } =>
      (PHASES as readonly string[]).includes(e.phase ?? ''),
    )
    .map((e) => ({
      at: Date.parse(e.timestamp),
      phase: e.phase,
      ...(e.burst !== undefined ? { burst: e.burst } : {}),
    }))
    .sort((a, b) => a.at - b.at);
}

export function labelEvents(
  events: readonly ActivityLogEvent[],
  starts: readonly PhaseStart[],
  ids: { runId: string; scenarioId: string },
): HayEvent[] {
  return events
    .map((e): HayEvent => {
      const at = Date.parse(e.eventTimestamp);
      const window = starts.filter((s) => s.at <= at).at(-1);
      return {
        eventTimestamp: e.eventTimestamp,
        operationName: e.operationName,
        status: e.status,
        resourceId: e.resourceId,
        ...(e.resourceGroupName ? { resourceGroupName: e.resourceGroupName } : {}),
        ...(e.callerAppId ? { callerAppId: e.callerAppId } : {}),
        ...(e.callerObjectId ? { callerObjectId: e.callerObjectId } : {}),
        correlationId: e.correlationId,
        eventDataId: e.eventDataId,
        runId: ids.runId,
        scenarioId: ids.scenarioId,
        phase: window?.phase ?? 'unattributed',
        ...(window?.burst !== undefined ? { burst: window.burst } : {}),
        source: 'activityLog',
      };
    })
    .sort(
      (a, b) =>
        a.eventTimestamp.localeCompare(b.eventTimestamp) || a.eventDataId.localeCompare(b.eventDataId),
    );
}
