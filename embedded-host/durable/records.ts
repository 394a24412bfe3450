import { HistoryEvent } from './history';

export type RuntimeStatus =
  'Pending' | 'Running' | 'Completed' | 'ContinuedAsNew' | 'Failed' | 'Terminated' | 'Suspended';
export const terminalStatuses: ReadonlySet<RuntimeStatus> = new Set(['Completed', 'Failed', 'Terminated']);

export interface RetryPolicy {
  firstRetryIntervalInMilliseconds: number;
  maxNumberOfAttempts: number;
  backoffCoefficient?: number;
  maxRetryIntervalInMilliseconds?: number;
}

/** Work the instance waits on; survives restarts so activities run again and timers re-arm. */
export type Outstanding =
  | { kind: 'activity'; taskId: number; name: string; input: unknown; retry?: RetryState }
  | { kind: 'timer'; taskId: number; fireAtMs: number; retryOf?: RetryOf }
  /**
   * `input` only with `retry` (what the next attempt starts with): the start message and the history carry it
   * otherwise, and a run's thousands of sub-orchestrations would rewrite every input with each of its episodes.
   */
  | { kind: 'sub'; taskId: number; instanceId: string; name: string; input?: unknown; retry?: RetryState };

export interface RetryState {
  policy: RetryPolicy;
  attempt: number;
}
/** What a retry timer starts again when it fires. */
export type RetryOf =
  | { kind: 'activity'; name: string; input: unknown; retry: RetryState }
  | { kind: 'sub'; name: string; instanceId: string; input: unknown; retry: RetryState };

/** A message to another instance, kept until the receiver has persisted it (outbox pattern). */
export interface OutboxMessage {
  id: string;
  to: string;
  body: MessageBody;
}
export type MessageBody =
  | { kind: 'start'; name: string; input: unknown; parent?: { instanceId: string; taskId: number } }
  | { kind: 'event'; event: HistoryEvent }
  | {
      kind: 'entityOp';
      operation: string;
      input?: string;
      signal: boolean;
      requestId: string;
      parent?: string;
    };

/** A new event waiting for the next episode; `retry` marks events that move a retry along. */
export interface InboxEntry {
  event: HistoryEvent;
  retry?: boolean;
}

export interface OrchestrationRecord {
  kind: 'orchestration';
  instanceId: string;
  name: string;
  executionId: number;
  status: RuntimeStatus;
  input: unknown;
  output: unknown;
  customStatus: unknown;
  createdTime: string;
  lastUpdatedTime: string;
  parent?: { instanceId: string; taskId: number };
  history: HistoryEvent[];
  inbox: InboxEntry[];
  outstanding: Outstanding[];
  outbox: OutboxMessage[];
  seenMessageIds: string[];
  /** Signature of every atomic action so far, by position, for the non-determinism check. */
  decisions: string[];
  nextTaskId: number;
  replayEpisodes: number;
}

export interface EntityRecord {
  kind: 'entity';
  instanceId: string; // "@name@key"
  name: string;
  key: string;
  exists: boolean;
  state?: string;
  lastUpdatedTime: string;
  inbox: { requestId: string; operation: string; input?: string; signal: boolean; parent?: string }[];
  outbox: OutboxMessage[];
  seenMessageIds: string[];
}

export type InstanceRecord = OrchestrationRecord | EntityRecord;
