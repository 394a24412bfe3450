import type { AgentEvent } from '../../core/events';

/** Where events go: Service Bus in Azure and the sandbox; a list in tests of the phase runner. */
export interface EventSink {
  send(events: AgentEvent[]): Promise<void>;
  close(): Promise<void>;
}
