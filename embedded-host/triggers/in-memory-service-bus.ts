import type {
  ServiceBusTriggerMessage,
  ServiceBusTriggerSource,
  ServiceBusSourceFactory,
} from './service-bus-source';

/**
 * An in-process queue per queue name: `send` enqueues; a message whose handler throws goes back to
 * the queue with its delivery count raised, until `maxDeliveryCount`, then to `deadLetters`. At most
 * maxConcurrentCalls handlers run at once per queue (host.json's serviceBus setting, as the binding carries it,
 * unless the constructor overrides it): an unbounded pump once opened a thousand webhook connections at the same
 * moment and overflowed the listen backlog.
 */
export class InMemoryServiceBus {
  readonly deadLetters: { queueName: string; message: ServiceBusTriggerMessage; reason: string }[] = [];
  private readonly queues = new Map<string, ServiceBusTriggerMessage[]>();
  private readonly consumers = new Map<
    string,
    { handler: (m: ServiceBusTriggerMessage) => Promise<void>; maxConcurrentCalls: number }
  >();
  private readonly running = new Map<string, number>();
  private seq = 0;

  constructor(
    private readonly maxDeliveryCount = 10,
    private readonly maxConcurrentCallsOverride?: number,
  ) {}

  send(queueName: string, body: unknown, applicationProperties?: Record<string, unknown>): void {
    const queue = this.queue(queueName);
    queue.push({ body, messageId: `m${++this.seq}`, deliveryCount: 0, applicationProperties });
    this.pump(queueName);
  }

  pending(queueName: string): number {
    return this.queue(queueName).length;
  }

  factory(): ServiceBusSourceFactory {
    return (binding) =>
      this.source(binding.queueName, this.maxConcurrentCallsOverride ?? binding.maxConcurrentCalls);
  }

  private source(queueName: string, maxConcurrentCalls: number): ServiceBusTriggerSource {
    return {
      start: async (handler) => {
        this.consumers.set(queueName, { handler, maxConcurrentCalls });
        this.pump(queueName);
      },
      stop: async () => {
        this.consumers.delete(queueName);
      },
    };
  }

  private queue(name: string): ServiceBusTriggerMessage[] {
    let q = this.queues.get(name);
    if (!q) this.queues.set(name, (q = []));
    return q;
  }

  private pump(queueName: string): void {
    const consumer = this.consumers.get(queueName);
    const queue = this.queue(queueName);
    while (consumer && queue.length > 0 && (this.running.get(queueName) ?? 0) < consumer.maxConcurrentCalls) {
      const message = queue.shift() as ServiceBusTriggerMessage;
      message.deliveryCount = (message.deliveryCount ?? 0) + 1;
      this.running.set(queueName, (this.running.get(queueName) ?? 0) + 1);
      consumer
        .handler(message)
        .catch((err: unknown) => {
          if ((message.deliveryCount ?? 0) >= this.maxDeliveryCount) {
            this.deadLetters.push({ queueName, message, reason: (err as Error).message });
            return;
          }
          queue.push(message);
        })
        .finally(() => {
          this.running.set(queueName, (this.running.get(queueName) ?? 1) - 1);
          setImmediate(() => this.pump(queueName));
        });
    }
  }
}
