import { ServiceBusClient, ServiceBusReceivedMessage, ServiceBusReceiver } from '@azure/service-bus';
import type { TokenCredential } from '@azure/core-auth';
import type {
  ServiceBusBindingInfo,
  ServiceBusSourceFactory,
  ServiceBusTriggerSource,
} from './service-bus-source';

export interface AzureServiceBusSourceOptions {
  /** Used for identity-based connections (`<connection>__fullyQualifiedNamespace`). */
  credential?: TokenCredential;
  /** Abandoned messages come back after this pause, so a failing handler does not spin. */
  abandonDelayMs?: number;
}

/**
 * Builds the client the way the Functions Service Bus extension reads a binding's `connection`:
 * the setting itself as a connection string, or `<connection>__fullyQualifiedNamespace` with a
 * credential; `SERVICE_BUS_ENDPOINT` points an identity-based client at a custom AMQP endpoint.
 */
export function serviceBusClientFor(
  binding: ServiceBusBindingInfo,
  credential?: TokenCredential,
): ServiceBusClient {
  const { connection, env } = binding;
  const connectionString = env[connection];
  if (connectionString && connectionString.includes('Endpoint='))
    return new ServiceBusClient(connectionString);
  const namespace = env[`${connection}__fullyQualifiedNamespace`] ?? env.SERVICE_BUS_NAMESPACE;
  if (!namespace) {
    throw new Error(
      `Service Bus function "${binding.functionName}": neither ${connection} (connection string) nor ${connection}__fullyQualifiedNamespace is set`,
    );
  }
  if (!credential)
    throw new Error(
      `Service Bus function "${binding.functionName}": an identity-based connection needs a credential — pass one to createAzureServiceBusSource`,
    );
  const endpoint = env.SERVICE_BUS_ENDPOINT;
  return new ServiceBusClient(namespace, credential, endpoint ? { customEndpointAddress: endpoint } : {});
}

/** Real `@azure/service-bus` receiver in peek-lock mode: complete on success, abandon on throw. */
export function createAzureServiceBusSource(
  options: AzureServiceBusSourceOptions = {},
): ServiceBusSourceFactory {
  return (binding) => {
    let client: ServiceBusClient | undefined;
    let receiver: ServiceBusReceiver | undefined;
    let closing = false;
    const source: ServiceBusTriggerSource = {
      start: async (handler) => {
        client = serviceBusClientFor(binding, options.credential);
        receiver = client.createReceiver(binding.queueName, { receiveMode: 'peekLock' });
        const r = receiver;
        r.subscribe(
          {
            processMessage: async (message: ServiceBusReceivedMessage) => {
              try {
                await handler({
                  body: message.body,
                  messageId: message.messageId === undefined ? undefined : String(message.messageId),
                  deliveryCount: message.deliveryCount,
                  applicationProperties: message.applicationProperties as Record<string, unknown> | undefined,
                  contentType: message.contentType,
                });
              } catch {
                if (closing) return;
                await new Promise((resolve) => setTimeout(resolve, options.abandonDelayMs ?? 100));
                await r.abandonMessage(message).catch(() => undefined);
                return;
              }
              await r.completeMessage(message);
            },
            processError: async () => undefined,
          },
          { autoCompleteMessages: false, maxConcurrentCalls: binding.maxConcurrentCalls },
        );
      },
      stop: async () => {
        closing = true;
        await receiver?.close().catch(() => undefined);
        await client?.close().catch(() => undefined);
      },
    };
    return source;
  };
}
