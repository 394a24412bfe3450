export { onRunTimer, type RunTimerOptions, type RunTimerResult } from './run-timer';
export {
  onAgentEvent,
  InvalidAgentEventError,
  type AgentEventSink,
  type AgentEventOptions,
  type AgentEventDisposition,
} from './agent-events';
export { onJanitorTimer, type JanitorOptions } from './janitor-timer';
export {
  scheduledRunInstanceId,
  onDemandRunInstanceId,
  scheduleSlot,
  nextOccurrenceAfter,
} from './run-instance-id';
export {
  fromDurableClient,
  ACTIVE_STATUSES,
  type DurableClientPort,
  type InstanceSummary,
} from './durable-client-port';
export { auditStoreSink } from './audit-sink';
