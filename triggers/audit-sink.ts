// Agent events into the adapters' audit trail and resource ledger. Both writes are idempotent (by eventId; ledger
// flags only turn true), so a redelivered message changes nothing.
import type { AuditStore, LedgerMark } from '../adapters/audit-store';
import { resourceEventDataSchema, type AgentEvent } from '../core/events';
import type { AgentEventSink } from './agent-events';

const LEDGER_MARKS: Partial<Record<AgentEvent['type'], LedgerMark>> = {
  resource_created: 'created',
  resource_deleted: 'deleted',
  resource_deletion_failed: 'deletionFailed',
};

export function auditStoreSink(audit: AuditStore): AgentEventSink {
  return {
    recordAgentEvent: async (event) => {
      await audit.recordEvent({
        eventId: event.eventId,
        runId: event.runId,
        scenarioId: event.scenarioId,
        type: event.type,
        source: 'agent',
        phase: event.phase,
        ...(event.burst !== undefined ? { burst: event.burst } : {}),
        timestamp: event.timestamp,
        data: event.data,
      });
      const mark = LEDGER_MARKS[event.type];
      const data = resourceEventDataSchema.safeParse(event.data);
      if (!mark || !data.success) return;
      await audit.recordResource({
        runId: event.runId,
        scenarioId: event.scenarioId,
        resourceId: data.data.resourceId,
        ...(data.data.resourceType ? { resourceType: data.data.resourceType } : {}),
        ...(data.data.name ? { name: data.data.name } : {}),
        mark,
        at: event.timestamp,
        ...(data.data.reason ? { reason: data.data.reason } : {}),
      });
    },
  };
}
