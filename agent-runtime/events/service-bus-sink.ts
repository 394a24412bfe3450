// Agent events to the Service Bus queue; messageId = eventId so the queue's duplicate detection drops repeats.
import type { TokenCredential } from '@azure/core-auth';
import { ServiceBusClient, type ServiceBusSender } from '@azure/service-bus';
import type { AgentEvent } from '../../core/events';
import type { EventSink } from './event-sink';

export interface ServiceBusSinkOptions {
  namespace: string;
  queue: string;
  credential: TokenCredential;
  /** `sb://127.0.0.1:port` in the sandbox. */
  endpoint?: string;
}

export class ServiceBusSink implements EventSink {
  private readonly client: ServiceBusClient;
  private readonly sender: ServiceBusSender;

  constructor(options: ServiceBusSinkOptions) {
    const namespace = options.namespace.includes('.')
      ? options.namespace
      : `${options.namespace}.servicebus.windows.net`;
    this.client = new ServiceBusClient(namespace, options.credential, {
      ...(options.endpoint ? { customEndpointAddress: options.endpoint } : {}),
      retryOptions: { maxRetries: 4, retryDelayInMs: 300, maxRetryDelayInMs: 3000, timeoutInMs: 30_000 },
    });
    this.sender = this.client.createSender(options.queue);
  }

  async send(events: AgentEvent[]): Promise<void> {
    await this.sender.sendMessages(
      events.map((e) => ({
        body: e,
        messageId: e.eventId,
        contentType: 'application/json',
        subject: e.type,
        applicationProperties: { runId: e.runId, scenarioId: e.scenarioId, phase: e.phase, type: e.type },
      })),
    );
  }

  async close(): Promise<void> {
    await this.sender.close();
    await this.client.close();
  }
}
