import { z } from 'zod';

/** Settings shared by queues and subscriptions (the entities that hold messages). */
export const messageEntitySettingsSchema = z.object({
  lockDurationInMs: z.number().int().positive().default(60_000),
  maxDeliveryCount: z.number().int().positive().default(10),
  requiresDuplicateDetection: z.boolean().default(false),
  duplicateDetectionWindowInMs: z
    .number()
    .int()
    .positive()
    .default(10 * 60_000),
});
export type MessageEntitySettings = z.infer<typeof messageEntitySettingsSchema>;

const queueSchema = z.union([
  z
    .string()
    .min(1)
    .transform((name) => ({ name, ...messageEntitySettingsSchema.parse({}) })),
  messageEntitySettingsSchema.extend({ name: z.string().min(1) }),
]);

const subscriptionSchema = queueSchema;

const topicSchema = z.object({
  name: z.string().min(1),
  requiresDuplicateDetection: z.boolean().default(false),
  duplicateDetectionWindowInMs: z
    .number()
    .int()
    .positive()
    .default(10 * 60_000),
  subscriptions: z.array(subscriptionSchema).default([]),
});

export const brokerOptionsSchema = z.object({
  host: z.string().default('127.0.0.1'),
  /** Plain TCP port (connection string with UseDevelopmentEmulator=true). 0 = any free port. */
  port: z.number().int().min(0).max(65535).default(0),
  /** When given, a second listener speaks AMQP over TLS (TokenCredential + customEndpointAddress form). */
  tls: z
    .object({
      key: z.union([z.string(), z.instanceof(Buffer)]),
      cert: z.union([z.string(), z.instanceof(Buffer)]),
      port: z.number().int().min(0).max(65535).default(0),
    })
    .optional(),
  /** Queues besides the default `agent-events` (which always exists, with duplicate detection). */
  queues: z.array(queueSchema).default([]),
  topics: z.array(topicSchema).default([]),
  /** Largest message (or batch) a sender may send, advertised on attach as the SDK expects. */
  maxMessageSizeInBytes: z
    .number()
    .int()
    .positive()
    .default(1024 * 1024),
});

export type ServiceBusBrokerOptions = z.input<typeof brokerOptionsSchema>;
export type ParsedBrokerOptions = z.output<typeof brokerOptionsSchema>;

export const DEFAULT_QUEUE = 'agent-events';
