import type { FunctionRegistration } from '../functions-core-standin';
import { invoke, type HostLogger, type InvocationDeps } from '../invocation';
import type { ServiceBusSourceFactory, ServiceBusTriggerSource } from './service-bus-source';

/** Starts a message source for every Service Bus queue function; returns the sources, to stop them. */
export async function startServiceBusTriggers(
  registrations: FunctionRegistration[],
  factory: ServiceBusSourceFactory | undefined,
  options: { deps: InvocationDeps; logger: HostLogger; maxConcurrentCalls: number },
): Promise<ServiceBusTriggerSource[]> {
  const sources: ServiceBusTriggerSource[] = [];
  for (const reg of registrations.filter((r) => r.trigger.type === 'serviceBusTrigger')) {
    if (!factory) {
      options.logger(
        'warning',
        `Service Bus function "${reg.name}" is not wired: pass a serviceBus source to startEmbeddedHost`,
      );
      continue;
    }
    const source = factory({
      functionName: reg.name,
      queueName: String(reg.trigger.queueName),
      connection: String(reg.trigger.connection ?? ''),
      env: process.env,
      maxConcurrentCalls: options.maxConcurrentCalls,
    });
    sources.push(source);
    await source.start(async (message) => {
      await invoke(reg, message.body, options.deps, {
        messageId: message.messageId,
        deliveryCount: message.deliveryCount,
        applicationProperties: message.applicationProperties,
        contentType: message.contentType,
      });
    });
  }
  return sources;
}
