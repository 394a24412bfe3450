import type { InstanceQuery, ManagementApi } from './management';
import { OrchestrationStatus, toStatus } from './status';

/** Typed, in-process durable client for tests and the CLI (the app itself uses df.getClient over HTTP). */
export interface EmbeddedDurableClient {
  startNew(name: string, options?: { instanceId?: string; input?: unknown }): Promise<string>;
  getStatus(
    instanceId: string,
    options?: { showHistory?: boolean },
  ): Promise<OrchestrationStatus | undefined>;
  waitForCompletion(instanceId: string, options: { timeoutMs: number }): Promise<OrchestrationStatus>;
  raiseEvent(instanceId: string, eventName: string, data?: unknown): Promise<void>;
  terminate(instanceId: string, reason?: string): Promise<void>;
  rewind(instanceId: string, reason?: string): Promise<void>;
  suspend(instanceId: string, reason?: string): Promise<void>;
  resume(instanceId: string, reason?: string): Promise<void>;
  purge(instanceId: string): Promise<{ instancesDeleted: number }>;
  listInstances(filter?: InstanceQuery): Promise<OrchestrationStatus[]>;
  signalEntity(entity: { name: string; key: string }, operation: string, input?: unknown): Promise<void>;
  readEntityState<T = unknown>(entity: {
    name: string;
    key: string;
  }): Promise<{ entityExists: boolean; entityState?: T }>;
  /** Replay figures for one instance (bench, tests). */
  stats(instanceId: string): { replayEpisodes: number; historyLength: number } | undefined;
}

export function createEmbeddedClient(engine: ManagementApi): EmbeddedDurableClient {
  return {
    startNew: (name, options) => engine.startNew(name, options),
    getStatus: async (id, options) => {
      const r = engine.get(id);
      return r ? toStatus(r, options) : undefined;
    },
    waitForCompletion: async (id, { timeoutMs }) =>
      toStatus(await engine.waitFor(id, timeoutMs), { showHistory: false }),
    raiseEvent: (id, name, data) => engine.raiseEvent(id, name, data),
    terminate: (id, reason = '') => engine.terminate(id, reason),
    rewind: (id, reason = '') => engine.rewind(id, reason),
    suspend: (id, reason = '') => engine.suspend(id, reason),
    resume: (id, reason = '') => engine.resume(id, reason),
    purge: async (id) => ({ instancesDeleted: await engine.purge(id) }),
    listInstances: async (filter = {}) => engine.query(filter).map((r) => toStatus(r)),
    signalEntity: (entity, op, input) => engine.signalEntity(entity.name, entity.key, op, input),
    readEntityState: async <T>(entity: { name: string; key: string }) => {
      const e = engine.getEntity(`@${entity.name.toLowerCase()}@${entity.key}`);
      return e?.exists
        ? { entityExists: true, entityState: (e.state === undefined ? undefined : JSON.parse(e.state)) as T }
        : { entityExists: false };
    },
    stats: (id) => {
      const r = engine.get(id);
      return r ? { replayEpisodes: r.replayEpisodes, historyLength: r.history.length } : undefined;
    },
  };
}
