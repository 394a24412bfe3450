// Stores validated agent events in the audit trail and the durable resource ledger. Structurally the
// AgentEventSink of triggers/agent-events.ts (adapters do not import triggers).
import { resourceEventDataSchema, type AgentEvent } from '../core/events';
import type { AuditStore, LedgerMark } from './audit-store';

const LEDGER_MARKS: Partial<Record<AgentEvent['type'], LedgerMark>> = {
  resource_created: 'created',
  resource_deleted: 'deleted',
  resource_deletion_failed: 'deletionFailed',
};

export function createAuditAgentEventSink(audit: AuditStore): {
  recordAgentEvent(event: AgentEvent): Promise<void>;
} {
  return {
    async recordAgentEvent(event) {
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
      // Ledger flags only ever turn on, so a redelivered or late event changes nothing.
      await audit.recordResource({
        runId: event.runId,
        scenarioId: event.scenarioId,
        resourceId: data.data.resourceId,
        ...(data.data.resourceType ? { resourceType: data.data.resourceType } : {}),
        ...(data.data.name ? { name: data.data.name } : {}),
        ...(data.data.reason ? { reason: data.data.reason } : {}),
        mark,
        at: event.timestamp,
      });
    },
  };
}
