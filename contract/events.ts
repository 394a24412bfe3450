// The events of the orchestrations: the external event a scenario orchestration waits on for the end of one agent
// job (raised by the Service Bus trigger), and the audit events the orchestrations record.
import type { Phase } from '../core/events';

/** The audit events the orchestrations record (the agent's own events are in core/events.ts). */
export type OrchestratorEventType =
  | 'execution_started'
  | 'scenario_selected'
  | 'sp_created'
  | 'resource_group_created'
  | 'container_deployed'
  | 'cleanup_verified'
  | 'sp_deleted'
  | 'execution_completed';

/** External event name that a scenario orchestration waits on for the end of one agent job. */
export function phaseEventName(phase: Phase, burst?: number): string {
  return burst === undefined ? `agent:${phase}` : `agent:${phase}:${burst}`;
}

/** Payload raised to the waiting orchestration when an agent phase ends. */
export interface PhaseOutcomeEvent {
  eventId: string;
  phase: Phase;
  burst?: number;
  succeeded: boolean;
  error?: string;
}
