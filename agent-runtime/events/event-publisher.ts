// Builds, scrubs and buffers the agent's events; sends them in order in the background and on flush.
import { agentEventSchema, type AgentEvent, type AgentEventType } from '../../core/events';
import { scrubValue, type Scrubber } from '../../core/scrub';
import { eventId } from './event-id';
import type { EventSink } from './event-sink';
import { errorText } from '../../core/error-text';

export interface EventPublisherOptions {
  runId: string;
  scenarioId: string;
  phase: AgentEvent['phase'];
  burst?: number;
  /** This job execution's name; stamped on every event (see core/events.ts). */
  executionName?: string;
  sink: EventSink;
  scrub: () => Scrubber;
  clock?: () => Date;
  /** Attempts per batch when the sink fails (it retries transient errors itself first). */
  maxSendAttempts?: number;
  retryDelayInMs?: number;
  log?: (message: string) => void;
}

export class EventPublisher {
  private sequence = 0;
  private buffer: AgentEvent[] = [];
  private sending: Promise<void> = Promise.resolve();
  private failures: string[] = [];
  /** Set when a batch exhausted its attempts: later events wait for flush instead of repeating the wait each. */
  private degraded = false;
  readonly published: AgentEvent[] = [];

  constructor(private readonly options: EventPublisherOptions) {}

  emit(type: AgentEventType, data: Record<string, unknown> = {}): AgentEvent {
    const o = this.options;
    this.sequence += 1;
    const event = agentEventSchema.parse({
      eventId: eventId({
        runId: o.runId,
        scenarioId: o.scenarioId,
        phase: o.phase,
        burst: o.burst,
        ...(o.executionName === undefined ? {} : { executionName: o.executionName }),
        sequence: this.sequence,
      }),
      type,
      runId: o.runId,
      scenarioId: o.scenarioId,
      phase: o.phase,
      ...(o.burst === undefined ? {} : { burst: o.burst }),
      ...(o.executionName === undefined ? {} : { executionName: o.executionName }),
      timestamp: (o.clock ?? (() => new Date()))().toISOString(),
      data: scrubValue(data, o.scrub()),
    });
    this.buffer.push(event);
    if (!this.degraded) this.sending = this.sending.then(() => this.sendBuffered());
    return event;
  }

  /** Waits until every event emitted so far was sent; throws when some could not be. */
  async flush(): Promise<void> {
    await this.sending;
    if (this.buffer.length > 0) await this.sendBuffered();
    this.degraded = false;
    if (this.buffer.length > 0) {
      throw new Error(
        `${this.buffer.length} agent event(s) could not be sent to Service Bus (${this.failures.slice(-1)[0] ?? 'unknown error'}); the orchestration will time the phase out`,
      );
    }
  }

  private async sendBuffered(): Promise<void> {
    if (this.buffer.length === 0) return;
    const batch = [...this.buffer];
    const attempts = this.options.maxSendAttempts ?? 4;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        await this.options.sink.send(batch);
        this.buffer = this.buffer.slice(batch.length);
        this.published.push(...batch);
        return;
      } catch (error) {
        const message = errorText(error);
        this.failures.push(message);
        this.options.log?.(
          `sending ${batch.length} event(s) failed (attempt ${attempt}/${attempts}): ${message}`,
        );
        if (attempt < attempts)
          await new Promise((r) => setTimeout(r, (this.options.retryDelayInMs ?? 500) * 2 ** (attempt - 1)));
      }
    }
    this.degraded = true;
  }
}
