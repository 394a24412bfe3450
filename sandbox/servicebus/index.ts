export { startServiceBusBroker, type ServiceBusBroker } from './broker';
export { DEFAULT_QUEUE, type ServiceBusBrokerOptions, type MessageEntitySettings } from './broker-options';
export type { EntityMessages, MessageSnapshot } from './snapshot';
export { createServiceBusService } from './service';
