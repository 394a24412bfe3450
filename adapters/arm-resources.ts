// Generic ARM access by resource id. Each delete uses an api-version the resource's provider actually supports,
// looked up once per provider and cached: the system this replaces used one fixed api-version for every type,
// and every type that version did not know leaked.
import { ResourceManagementClient } from '@azure/arm-resources';
import { AdapterError, errorFacts, isNotFound, nextStepFor, parseRetryAfterMs } from './errors';
import { parseResourceId } from './resource-id';
import { withRetry } from './retry';
import { modernArmOptions, type ArmContext } from './client-options';

export interface ArmResourceInfo {
  id: string;
  name: string;
  type: string;
  location?: string;
  tags: Record<string, string>;
  /** A resource group's `managedBy`: the resource whose provider manages the group (e.g. an AKS cluster). */
  managedBy?: string;
}

export type GetResult = { found: true; resource: ArmResourceInfo } | { found: false };
export type DeleteOutcome = 'deleted' | 'notFound';

/** A delete ARM accepted as a long-running operation, to be confirmed later. */
export interface AcceptedDelete {
  state: 'accepted';
  /** ARM's Retry-After: when checking is worth it (the poll interval when ARM gave none). */
  retryAfterMs: number;
  /** Asks the operation itself (one request). */
  check(): Promise<'running' | 'deleted' | { failed: string }>;
}
/** The first answer to a delete: done at once (200/204), nothing there (404), or accepted (202). */
export type StartedDelete = { state: 'deleted' } | { state: 'notFound' } | AcceptedDelete;

interface DeletePoller {
  submitted(): Promise<void>;
  poll(): Promise<unknown>;
  readonly isDone: boolean;
}
type OnResponse = (raw: { headers: { get(name: string): string | undefined } }) => void;

export interface ArmResources {
  getById(id: string): Promise<GetResult>;
  deleteById(id: string): Promise<DeleteOutcome>;
  getResourceGroup(name: string): Promise<GetResult>;
  deleteResourceGroup(name: string): Promise<DeleteOutcome>;
  /** Creates the group, or updates its tags if it exists (a PUT): the caller decides whether it may. */
  putResourceGroup(name: string, location: string, tags: Record<string, string>): Promise<ArmResourceInfo>;
  /** Sends the delete and returns at ARM's first answer, without polling. */
  beginDeleteById(id: string): Promise<StartedDelete>;
  beginDeleteResourceGroup(name: string): Promise<StartedDelete>;
  /** Every resource group of the subscription, with tags (all pages). */
  listResourceGroups(): Promise<ArmResourceInfo[]>;
  /** A group's top-level resources with tags (ARM's lists leave out children); undefined when the group is gone. */
  listResourcesInGroup(name: string): Promise<ArmResourceInfo[] | undefined>;
  /** The api-version used for a resource type (exposed for tests and diagnostics). */
  apiVersionFor(namespace: string, resourceType: string): Promise<string>;
  /** How many ARM requests this adapter has sent (for the cleanup benchmark). */
  readonly requestCount: number;
}

/** Newest stable version first; a preview only when the type has nothing else. */
export function pickApiVersion(versions: readonly string[]): string | undefined {
  const sorted = [...versions].sort((a, b) => b.localeCompare(a));
  return sorted.find((v) => !v.toLowerCase().includes('preview')) ?? sorted[0];
}

export function createArmResources(context: ArmContext): ArmResources {
  const client = new ResourceManagementClient(
    context.credential,
    context.subscriptionId,
    modernArmOptions(context),
  );
  const providerCache = new Map<string, Promise<Map<string, string>>>();
  const poll = { updateIntervalInMs: context.pollIntervalInMs ?? 2000 };
  let requestCount = 0;
  const call = <T>(fn: () => Promise<T>, retryOnConflict = false): Promise<T> =>
    withRetry(
      () => {
        requestCount += 1;
        return fn();
      },
      { ...context.retry, retryOnConflict },
    );

  const loadProvider = (namespace: string): Promise<Map<string, string>> => {
    const key = namespace.toLowerCase();
    let cached = providerCache.get(key);
    if (!cached) {
      cached = call(() => client.providers.get(namespace)).then((provider) => {
        const versions = new Map<string, string>();
        for (const rt of provider.resourceTypes ?? []) {
          const version = pickApiVersion(rt.apiVersions ?? []) ?? rt.defaultApiVersion;
          if (rt.resourceType && version) versions.set(rt.resourceType.toLowerCase(), version);
        }
        return versions;
      });
      // A failed lookup must not poison the cache for the rest of the process.
      cached.catch(() => providerCache.delete(key));
      providerCache.set(key, cached);
    }
    return cached;
  };

  const apiVersionFor = async (namespace: string, resourceType: string): Promise<string> => {
    let versions: Map<string, string>;
    try {
      versions = await loadProvider(namespace);
    } catch (error) {
      throw new AdapterError(
        `looking up api-versions of provider ${namespace}`,
        error,
        nextStepFor(error, 'Reader on the subscription'),
      );
    }
    // A nested type the provider does not list (Microsoft.OperationalInsights has no workspaces/savedSearches entry
    // in some clouds) is served at its nearest listed parent's api-version, as the portal and az do.
    const segments = resourceType.toLowerCase().split('/');
    let version: string | undefined;
    while (segments.length > 0 && !version) {
      version = versions.get(segments.join('/'));
      segments.pop();
    }
    if (!version) {
      throw new Error(
        `provider ${namespace} lists no api-version for type ${resourceType}; check the resource id or register the provider`,
      );
    }
    return version;
  };

  const checkDelete = async (poller: DeletePoller): ReturnType<AcceptedDelete['check']> => {
    try {
      await call(() => poller.poll());
    } catch (error) {
      return { failed: errorFacts(error).message };
    }
    return poller.isDone ? 'deleted' : 'running';
  };

  const beginDelete = async (
    what: string,
    start: (onResponse: OnResponse) => DeletePoller,
  ): Promise<StartedDelete> => {
    try {
      return await call(async (): Promise<StartedDelete> => {
        let retryAfter: string | undefined;
        const poller = start((raw) => (retryAfter ??= raw.headers.get('retry-after') ?? undefined));
        await poller.submitted();
        if (poller.isDone) return { state: 'deleted' };
        return {
          state: 'accepted',
          retryAfterMs: parseRetryAfterMs(retryAfter) || poll.updateIntervalInMs,
          check: () => checkDelete(poller),
        };
      }, true);
    } catch (error) {
      if (isNotFound(error)) return { state: 'notFound' };
      throw new AdapterError(what, error, nextStepFor(error, 'Contributor on the subscription'));
    }
  };

  const listAll = async <T>(what: string, pages: () => AsyncIterable<T>): Promise<T[]> => {
    try {
      return await call(async () => {
        const items: T[] = [];
        for await (const item of pages()) items.push(item);
        return items;
      });
    } catch (error) {
      throw new AdapterError(what, error, nextStepFor(error, 'Reader on the subscription'));
    }
  };

  const toInfo = (
    r: {
      id?: string;
      name?: string;
      type?: string;
      location?: string;
      tags?: Record<string, string>;
      managedBy?: string;
    },
    id: string,
  ): ArmResourceInfo => ({
    id: r.id ?? id,
    name: r.name ?? '',
    type: r.type ?? '',
    location: r.location,
    tags: r.tags ?? {},
    ...(r.managedBy ? { managedBy: r.managedBy } : {}),
  });

  return {
    get requestCount() {
      return requestCount;
    },
    apiVersionFor,

    async getById(id) {
      const parsed = parseResourceId(id);
      if (parsed.kind === 'resourceGroup') return this.getResourceGroup(parsed.name);
      const version = await apiVersionFor(parsed.namespace!, parsed.resourceType!);
      try {
        return { found: true, resource: toInfo(await call(() => client.resources.getById(id, version)), id) };
      } catch (error) {
        if (isNotFound(error)) return { found: false };
        throw new AdapterError(
          `reading ${id} (api-version ${version})`,
          error,
          nextStepFor(error, 'Reader on the subscription'),
        );
      }
    },

    async deleteById(id) {
      const parsed = parseResourceId(id);
      if (parsed.kind === 'resourceGroup') return this.deleteResourceGroup(parsed.name);
      const version = await apiVersionFor(parsed.namespace!, parsed.resourceType!);
      try {
        await call(() => client.resources.deleteById(id, version, poll).pollUntilDone(), true);
        return 'deleted';
      } catch (error) {
        if (isNotFound(error)) return 'notFound';
        throw new AdapterError(
          `deleting ${id} (api-version ${version})`,
          error,
          nextStepFor(error, 'Contributor on the subscription'),
        );
      }
    },

    async getResourceGroup(name) {
      try {
        const group = await call(() => client.resourceGroups.get(name));
        return {
          found: true,
          resource: toInfo(group, `/subscriptions/${context.subscriptionId}/resourceGroups/${name}`),
        };
      } catch (error) {
        if (isNotFound(error)) return { found: false };
        throw new AdapterError(
          `reading resource group ${name}`,
          error,
          nextStepFor(error, 'Reader on the subscription'),
        );
      }
    },

    async putResourceGroup(name, location, tags) {
      try {
        const group = await call(() => client.resourceGroups.createOrUpdate(name, { location, tags }));
        return toInfo(group, `/subscriptions/${context.subscriptionId}/resourceGroups/${name}`);
      } catch (error) {
        throw new AdapterError(
          `creating resource group ${name} in ${location}`,
          error,
          nextStepFor(error, 'Contributor on the subscription'),
        );
      }
    },

    async beginDeleteById(id) {
      const parsed = parseResourceId(id);
      if (parsed.kind === 'resourceGroup') return this.beginDeleteResourceGroup(parsed.name);
      const version = await apiVersionFor(parsed.namespace!, parsed.resourceType!);
      return beginDelete(`deleting ${id} (api-version ${version})`, (onResponse) =>
        client.resources.deleteById(id, version, { ...poll, onResponse }),
      );
    },

    beginDeleteResourceGroup(name) {
      return beginDelete(`deleting resource group ${name}`, (onResponse) =>
        client.resourceGroups.delete(name, { ...poll, onResponse }),
      );
    },

    async listResourceGroups() {
      const groups = await listAll('listing the resource groups', () => client.resourceGroups.list());
      const base = `/subscriptions/${context.subscriptionId}/resourceGroups`;
      return groups.map((g) => toInfo(g, `${base}/${g.name}`));
    },

    async listResourcesInGroup(name) {
      try {
        const items = await listAll(`listing the resources of group ${name}`, () =>
          client.resources.listByResourceGroup(name),
        );
        return items.map((r) => toInfo(r, r.id ?? ''));
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    },

    async deleteResourceGroup(name) {
      try {
        await call(() => client.resourceGroups.delete(name, poll).pollUntilDone(), true);
        return 'deleted';
      } catch (error) {
        if (isNotFound(error)) return 'notFound';
        throw new AdapterError(
          `deleting resource group ${name}`,
          error,
          nextStepFor(error, 'Contributor on the subscription'),
        );
      }
    },
  };
}
