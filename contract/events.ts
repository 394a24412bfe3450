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
  | 'execution_completed'
  /** Recorded by the agent watchdog: an agent job ended without reporting and its phase is started again. */
  | 'agent_job_crashed';

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
  /**
   * Set by the agent watchdog (triggers/agent-watchdog.ts), never by the agent: the execution ended (Failed, Stopped
   * or gone) without reporting. The orchestration starts the phase again if it has retries left.
   */
  crashed?: boolean;
  /**
   * The execution the event is about (the watchdog's crash reports, and agents that read
   * CONTAINER_APP_JOB_EXECUTION_NAME). An outcome naming another execution than the one awaited is ignored: it is a
   * late word from a crashed execution or a duplicate crash report.
   */
  executionName?: string;
}
