// The Service Bus trigger on `agent-events`: validate, store in the audit trail, update the run's resource
// ledger, and turn phase_completed / phase_failed into the event the scenario orchestration waits on.
// Idempotent: a duplicate or late event changes nothing.
import { parseAgentEvent, resourceEventDataSchema, type AgentEvent } from '../core/events';
import { phaseEventName, type PhaseOutcomeEvent } from '../contract/events';
import { scenarioInstanceId } from '../core/naming';
import { createScrubber } from '../core/scrub';
import { runEntitySignal } from '../contract/entities';
import { OPERATIONS_DONE_EVENT, burstsEntitySignal } from '../contract/bursts';
import type { ScenarioCustomStatus } from '../contract/orchestrations';
import { ACTIVE_STATUSES, type DurableClientPort } from './durable-client-port';

/** Thrown for a message that can never be processed; its message is the dead-letter reason. */
export class InvalidAgentEventError extends Error {
  constructor(reason: string) {
    super(`invalid agent event, dead-lettering it: ${reason}`);
    this.name = 'InvalidAgentEventError';
  }
}

/** Where agent events are kept (the audit trail). Implementations deduplicate by eventId. */
export interface AgentEventSink {
  recordAgentEvent(event: AgentEvent): Promise<void>;
}

export interface AgentEventOptions {
  client: DurableClientPort;
  sink?: AgentEventSink;
  log?: (message: string) => void;
}

export type AgentEventDisposition = 'recorded' | 'raised' | 'late';

const LEDGER_KINDS = {
  resource_created: 'created',
  resource_deleted: 'deleted',
  resource_deletion_failed: 'deletionFailed',
} as const;

function decode(message: unknown): unknown {
  if (typeof message === 'string') {
    try {
      return JSON.parse(message);
    } catch {
      throw new InvalidAgentEventError('the message body is not JSON');
    }
  }
  if (message instanceof Uint8Array) return decode(Buffer.from(message).toString('utf8'));
  return message;
}

export async function onAgentEvent(
  message: unknown,
  options: AgentEventOptions,
): Promise<AgentEventDisposition> {
  const parsed = parseAgentEvent(decode(message));
  if (!parsed.ok) throw new InvalidAgentEventError(parsed.error);
  const event = parsed.value;

  await options.sink?.recordAgentEvent(event);

  if (event.type in LEDGER_KINDS) {
    const data = resourceEventDataSchema.safeParse(event.data);
    if (!data.success)
      throw new InvalidAgentEventError(`${event.type} ${event.eventId} has no data.resourceId`);
    await options.client.signal(
      runEntitySignal(event.runId, {
        type: 'resourceEvent',
        scenarioId: event.scenarioId,
        resourceId: data.data.resourceId,
        kind: LEDGER_KINDS[event.type as keyof typeof LEDGER_KINDS],
      }),
    );
    return 'recorded';
  }
  if (event.type !== 'phase_completed' && event.type !== 'phase_failed') return 'recorded';

  const instanceId = scenarioInstanceId(event.runId, event.scenarioId);
  const eventName = phaseEventName(event.phase, event.burst);
  const status = await options.client.getStatus(instanceId);
  if (!status || !ACTIVE_STATUSES.has(status.runtimeStatus)) {
    options.log?.(
      `agent event ${event.eventId} (${eventName}) for ${instanceId} arrived after the scenario ended; stored, not raised`,
    );
    return 'late';
  }
  // A burst's outcome goes to the scenario's bursts entity, which the burst driver reads; the orchestration itself
  // waits on one "operations done" event for all its bursts (triggers/burst-driver.ts).
  const waitingFor = (status.customStatus as ScenarioCustomStatus | null | undefined)?.waitingFor;
  if (event.phase === 'operate' && event.burst !== undefined && waitingFor === OPERATIONS_DONE_EVENT) {
    await options.client.signal(
      burstsEntitySignal(instanceId, {
        type: 'outcome',
        burst: event.burst,
        at: event.timestamp,
        succeeded: event.type === 'phase_completed',
        ...(event.executionName !== undefined ? { executionName: event.executionName } : {}),
        ...(event.type === 'phase_failed' ? { error: describeFailure(event) } : {}),
      }),
    );
    return 'recorded';
  }
  if (waitingFor !== undefined && waitingFor !== eventName) {
    // The orchestration has moved on (deadline passed, or this is a redelivery of an event it already took).
    options.log?.(
      `agent event ${event.eventId} (${eventName}) for ${instanceId} is late: the scenario waits for ${waitingFor}`,
    );
    return 'late';
  }
  const payload: PhaseOutcomeEvent = {
    eventId: event.eventId,
    phase: event.phase,
    ...(event.burst !== undefined ? { burst: event.burst } : {}),
    succeeded: event.type === 'phase_completed',
    ...(event.executionName !== undefined ? { executionName: event.executionName } : {}),
    ...(event.type === 'phase_failed' ? { error: describeFailure(event) } : {}),
  };
  await options.client.raiseEvent(instanceId, eventName, payload);
  return 'raised';
}

// The agent scrubs what it publishes; this second pass keeps secret-shaped text out of orchestration history even
// if an agent build forgot to.
const scrub = createScrubber([]);

function describeFailure(event: AgentEvent): string {
  const reason = event.data.error ?? event.data.reason ?? event.data.message;
  return typeof reason === 'string' && reason.length > 0
    ? scrub(reason).slice(0, 500)
    : `agent reported phase_failed (${event.eventId})`;
}
