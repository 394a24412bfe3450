/** A message as a Service Bus queue trigger sees it. */
export interface ServiceBusTriggerMessage {
  body: unknown;
  messageId?: string;
  deliveryCount?: number;
  applicationProperties?: Record<string, unknown>;
  contentType?: string;
}

export interface ServiceBusBindingInfo {
  functionName: string;
  queueName: string;
  /** The binding's `connection` setting name (e.g. `ServiceBusConnection`). */
  connection: string;
  env: NodeJS.ProcessEnv;
  /** host.json extensions.serviceBus.maxConcurrentCalls: handlers running at once for this function. */
  maxConcurrentCalls: number;
}

/**
 * Where a Service Bus queue trigger's messages come from. `handler` resolves when the function
 * succeeded (complete the message) and rejects when it threw (abandon it, so it is redelivered).
 */
export interface ServiceBusTriggerSource {
  start(handler: (message: ServiceBusTriggerMessage) => Promise<void>): Promise<void>;
  stop(): Promise<void>;
}

export type ServiceBusSourceFactory = (binding: ServiceBusBindingInfo) => ServiceBusTriggerSource;
