// The embedded host's durable client behind the port the triggers use (triggers/durable-client-port.ts), so trigger
// logic is tested through the host exactly as the app drives it through df.getClient().
import type { EmbeddedDurableClient } from '../embedded-host';
import type { DurableClientPort } from '../triggers/durable-client-port';

/** The port over the embedded client. */
export function embeddedClientPort(client: EmbeddedDurableClient): DurableClientPort {
  return {
    startNew: (name, options) => client.startNew(name, options),
    getStatus: async (id) => {
      const s = await client.getStatus(id);
      return s
        ? {
            instanceId: s.instanceId,
            name: s.name,
            runtimeStatus: s.runtimeStatus,
            customStatus: s.customStatus,
          }
        : undefined;
    },
    raiseEvent: (id, name, data) => client.raiseEvent(id, name, data),
    signal: (s) => client.signalEntity(s.entity, s.operation, s.input),
    terminate: (id, reason) => client.terminate(id, reason),
    readEntity: async <T>(name: string, key: string) => {
      const read = await client.readEntityState<T>({ name, key });
      return read.entityExists ? read.entityState : undefined;
    },
    listActive: async (name) =>
      (await client.listInstances({ runtimeStatus: ['Running', 'Pending'] }))
        .filter((s) => s.name === name)
        .map((s) => ({ instanceId: s.instanceId, name: s.name, runtimeStatus: s.runtimeStatus })),
  };
}
