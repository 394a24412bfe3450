// The slice of the durable client the triggers use, so trigger logic is tested with the embedded host's client
// or the real df.getClient() alike.
import type { DurableClient } from 'durable-functions';
import * as df from 'durable-functions';
import type { EntitySignal } from '../contract/entities';

export interface InstanceSummary {
  instanceId: string;
  name: string;
  runtimeStatus: string;
  customStatus?: unknown;
}

export interface DurableClientPort {
  startNew(name: string, options: { instanceId: string; input?: unknown }): Promise<string>;
  /** Undefined when no such instance exists. */
  getStatus(instanceId: string): Promise<InstanceSummary | undefined>;
  raiseEvent(instanceId: string, eventName: string, data: unknown): Promise<void>;
  /** Signals an entity with one of its typed operations (contract/entities.ts). */
  signal(signal: EntitySignal): Promise<void>;
  /** Instances in Running or Pending state whose orchestrator is `name`. */
  listActive(name: string): Promise<InstanceSummary[]>;
  terminate(instanceId: string, reason: string): Promise<void>;
  /** An entity's state; undefined when it does not exist. */
  readEntity<T>(name: string, key: string): Promise<T | undefined>;
}

export const ACTIVE_STATUSES: ReadonlySet<string> = new Set([
  'Running',
  'Pending',
  'ContinuedAsNew',
  'Suspended',
]);

const summary = (s: {
  instanceId: string;
  name: string;
  runtimeStatus: string;
  customStatus?: unknown;
}): InstanceSummary => ({
  instanceId: s.instanceId,
  name: s.name,
  runtimeStatus: String(s.runtimeStatus),
  customStatus: s.customStatus,
});

/** Wraps the SDK's DurableClient (what df.getClient(context) returns). */
export function fromDurableClient(client: DurableClient): DurableClientPort {
  return {
    startNew: (name, options) => client.startNew(name, options),
    getStatus: async (instanceId) => {
      try {
        const status = await client.getStatus(instanceId);
        return status ? summary(status) : undefined;
      } catch (error) {
        // The SDK rejects a 404 ("could not find any data associated with the instanceId") instead of answering empty.
        if (error instanceof Error && /\b404\b/.test(error.message)) return undefined;
        throw error;
      }
    },
    raiseEvent: (instanceId, eventName, data) => client.raiseEvent(instanceId, eventName, data),
    signal: (s) => signalEntity(client, s),
    terminate: (instanceId, reason) => client.terminate(instanceId, reason),
    readEntity: async <T>(name: string, key: string) => {
      const read = await client.readEntityState<T>(new df.EntityId(name, key));
      return read.entityExists ? read.entityState : undefined;
    },
    listActive: async (name) => {
      const statuses = await client.getStatusBy({
        runtimeStatus: [
          df.OrchestrationRuntimeStatus.Running,
          df.OrchestrationRuntimeStatus.Pending,
          df.OrchestrationRuntimeStatus.Suspended,
        ],
      });
      return statuses.filter((s) => s.name === name).map(summary);
    },
  };
}

/** Signals an entity through the SDK's client with one of its typed operations. */
export function signalEntity(client: Pick<DurableClient, 'signalEntity'>, s: EntitySignal): Promise<void> {
  return client.signalEntity(new df.EntityId(s.entity.name, s.entity.key), s.operation, s.input);
}
