import type { AgentEvent } from '../core/events';
import type { EventSink } from '../agent-runtime/events/event-sink';

/** Collects events in order; `failNext` makes the next sends throw, to exercise the publisher's retries. */
export class MemorySink implements EventSink {
  readonly events: AgentEvent[] = [];
  failNext = 0;
  closed = false;
  async send(events: AgentEvent[]): Promise<void> {
    if (this.failNext > 0) {
      this.failNext -= 1;
      throw new Error('transient: broker busy');
    }
    this.events.push(...events);
  }
  async close(): Promise<void> {
    this.closed = true;
  }
}
