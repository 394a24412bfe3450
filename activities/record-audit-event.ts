// Orchestrator events for the audit trail. The event id derives from the input, so the host's at-least-once
// delivery and a rewind store the event once.
import { createHash } from 'node:crypto';
import type { ActivityHandler } from '../contract/activities';
import type { Dependencies } from './dependencies';

function orchestratorEventId(input: {
  runId: string;
  scenarioId?: string;
  type: string;
  timestamp: string;
}): string {
  const digest = createHash('sha256')
    .update(`${input.runId}|${input.scenarioId ?? ''}|${input.type}|${input.timestamp}`)
    .digest('hex');
  return `orch-${digest.slice(0, 32)}`;
}

export function createRecordAuditEvent(
  deps: Pick<Dependencies, 'audit'>,
): ActivityHandler<'recordAuditEvent'> {
  return async (input) => {
    await deps.audit.recordEvent({
      eventId: orchestratorEventId(input),
      runId: input.runId,
      ...(input.scenarioId ? { scenarioId: input.scenarioId } : {}),
      type: input.type,
      source: 'orchestrator',
      timestamp: input.timestamp,
      data: input.data ?? {},
    });
  };
}
