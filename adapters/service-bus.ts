// Sends events to the agent-events queue (the orchestrator's own audit events, or tests standing in for an agent).
// messageId = eventId, so the queue's duplicate detection and the idempotent consumer both key on it.
import { ServiceBusClient, type ServiceBusSender } from '@azure/service-bus';
import type { TokenCredential } from '@azure/core-auth';
import { AdapterError } from './errors';
import { withRetry, type RetryOptions } from './retry';

export interface ServiceBusContext {
  credential: TokenCredential;
  /** Fully-qualified namespace, x.servicebus.windows.net. */
  namespace: string;
  queue: string;
  /** Custom AMQP endpoint (sb://127.0.0.1:port for the sandbox broker). */
  endpoint?: string;
  /** Used instead of namespace + credential when set (the sandbox broker, a local emulator). */
  connectionString?: string;
  retry?: RetryOptions;
}

export interface EventSender {
  send(event: { eventId: string } & Record<string, unknown>): Promise<void>;
  close(): Promise<void>;
}

export function createEventSender(context: ServiceBusContext): EventSender {
  let client: ServiceBusClient | undefined;
  let sender: ServiceBusSender | undefined;
  // Connect lazily: most activities never send, and an AMQP connection held open keeps the process alive.
  const getSender = (): ServiceBusSender => {
    if (!sender) {
      const options = { retryOptions: { maxRetries: 0 } };
      client = context.connectionString
        ? new ServiceBusClient(context.connectionString, options)
        : new ServiceBusClient(context.namespace, context.credential, {
            ...options,
            ...(context.endpoint ? { customEndpointAddress: context.endpoint } : {}),
          });
      sender = client.createSender(context.queue);
    }
    return sender;
  };

  return {
    async send(event) {
      try {
        await withRetry(
          () =>
            getSender().sendMessages({
              messageId: event.eventId,
              body: event,
              contentType: 'application/json',
            }),
          context.retry,
        );
      } catch (error) {
        throw new AdapterError(
          `sending event ${event.eventId} to queue ${context.queue} on ${context.namespace}`,
          error,
          "grant 'Azure Service Bus Data Sender' on the queue to the orchestrator identity",
        );
      }
    },
    async close() {
      await sender?.close();
      await client?.close();
      sender = undefined;
      client = undefined;
    },
  };
}
