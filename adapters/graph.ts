// Microsoft Graph: the scenario principal's app registration, service principal and password, and their removal
// including the deleted-items entry (a soft-deleted app keeps its name and counts against the tenant quota).
import {
  AuthenticationHandler,
  Client,
  type AuthenticationProvider,
} from '@microsoft/microsoft-graph-client';
import { CoreHttpMessageHandler } from './graph-transport';
import type { TokenCredential } from '@azure/core-auth';
import { AdapterError, errorFacts, isNotFound, nextStepFor } from './errors';
import { withRetry, type RetryOptions } from './retry';
import { PUBLIC_GRAPH_ENDPOINT } from './client-options';

export interface GraphContext {
  credential: TokenCredential;
  /** Graph base URL (no version); defaults to the public cloud. */
  graphEndpoint?: string;
  retry?: RetryOptions;
  /** Extra trusted CA (PEM) for a private endpoint such as the sandbox. */
  tlsCa?: string;
}

export interface ApplicationRef {
  id: string;
  appId: string;
  displayName: string;
  createdDateTime?: string;
}

export interface ServicePrincipalRef {
  id: string;
  appId: string;
  displayName?: string;
}

export type DeleteOutcome = 'deleted' | 'notFound';

export interface GraphDirectory {
  createOrGetApplication(displayName: string): Promise<ApplicationRef & { created: boolean }>;
  findApplicationByDisplayName(displayName: string): Promise<ApplicationRef | undefined>;
  getApplication(objectId: string): Promise<ApplicationRef | undefined>;
  createOrGetServicePrincipal(appId: string): Promise<ServicePrincipalRef & { created: boolean }>;
  getServicePrincipal(id: string): Promise<ServicePrincipalRef | undefined>;
  findServicePrincipalByAppId(appId: string): Promise<ServicePrincipalRef | undefined>;
  /** The secret text goes only to the caller, which stores it in Key Vault and drops it. */
  addPassword(
    appObjectId: string,
    options: { displayName: string; endDateTime: string },
  ): Promise<{ keyId: string; secretText: string }>;
  deleteApplication(objectId: string): Promise<DeleteOutcome>;
  deleteServicePrincipal(id: string): Promise<DeleteOutcome>;
  /** Permanently deletes a soft-deleted directory object (deletedItems). */
  purgeDeletedItem(id: string): Promise<DeleteOutcome>;
  getDeletedItem(id: string): Promise<{ id: string } | undefined>;
  /** App registrations whose display name starts with the prefix (the janitor's sweep), all pages. */
  listApplicationsByPrefix(prefix: string): Promise<ApplicationRef[]>;
  /** Soft-deleted app registrations whose display name starts with the prefix (they count against the owner's quota). */
  listDeletedApplicationsByPrefix(prefix: string): Promise<ApplicationRef[]>;
}

const odataString = (value: string): string => `'${value.replace(/'/g, "''")}'`;

/** An object that exists (its write succeeded) but that the replica answering reads does not show yet. */
class NotVisibleYet extends Error {}
const MAX_PAGES = 100;

/** Just after an app is created, Graph may not yet know it on another replica: 404/400 on the follow-up call. */
const isReplicationLag = (error: unknown): boolean => {
  const { status } = errorFacts(error);
  return status === 404 || status === 400;
};

export function createGraphDirectory(context: GraphContext): GraphDirectory {
  const base = (context.graphEndpoint ?? PUBLIC_GRAPH_ENDPOINT).replace(/\/+$/, '');
  const scope = `${new URL(base).origin}/.default`;
  const authProvider: AuthenticationProvider = {
    async getAccessToken() {
      const token = await context.credential.getToken(scope);
      if (!token) throw new Error(`no token for ${scope}; check the identity's Graph permissions`);
      return token.token;
    },
  };
  // Our own retry policy replaces the client's RetryHandler (which would wait up to 180 s unseen by tests).
  const client = Client.initWithMiddleware({
    baseUrl: `${base}/`,
    defaultVersion: 'v1.0',
    customHosts: new Set([new URL(base).hostname]),
    middleware: [
      new AuthenticationHandler(authProvider),
      new CoreHttpMessageHandler(context.tlsCa ? { ca: context.tlsCa } : undefined),
    ],
  });
  const retry = (extra?: Partial<RetryOptions>) => ({ ...context.retry, ...extra });

  const toApp = (a: any): ApplicationRef => ({
    id: a.id,
    appId: a.appId,
    displayName: a.displayName,
    createdDateTime: a.createdDateTime,
  });
  const toSp = (s: any): ServicePrincipalRef => ({ id: s.id, appId: s.appId, displayName: s.displayName });

  const getOrUndefined = async <T>(
    what: string,
    path: string,
    map: (raw: any) => T,
  ): Promise<T | undefined> => {
    try {
      return map(await withRetry(() => client.api(path).get(), retry()));
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw new AdapterError(
        `reading ${what}`,
        error,
        nextStepFor(error, 'Application.ReadWrite.OwnedBy to the orchestrator identity'),
      );
    }
  };

  const deleteOrNotFound = async (what: string, path: string): Promise<DeleteOutcome> => {
    try {
      await withRetry(() => client.api(path).delete(), retry());
      return 'deleted';
    } catch (error) {
      if (isNotFound(error)) return 'notFound';
      throw new AdapterError(
        `deleting ${what}`,
        error,
        nextStepFor(error, 'Application.ReadWrite.OwnedBy to the orchestrator identity'),
      );
    }
  };

  const listAll = async (path: string, filter: string): Promise<any[]> => {
    const items: any[] = [];
    let page: any = await withRetry(() => client.api(path).filter(filter).top(999).get(), retry());
    for (let i = 0; i < MAX_PAGES; i += 1) {
      items.push(...(page.value ?? []));
      const next: string | undefined = page['@odata.nextLink'];
      if (!next) return items;
      page = await withRetry(() => client.api(next).get(), retry());
    }
    throw new Error(`Graph kept returning next links after ${MAX_PAGES} pages of ${path}`);
  };

  const findApplicationByDisplayName = async (displayName: string): Promise<ApplicationRef | undefined> => {
    try {
      const apps = await listAll('/applications', `displayName eq ${odataString(displayName)}`);
      // Oldest first, so two racing creators converge on the same object.
      apps.sort((a, b) => String(a.createdDateTime ?? '').localeCompare(String(b.createdDateTime ?? '')));
      return apps[0] ? toApp(apps[0]) : undefined;
    } catch (error) {
      throw new AdapterError(
        `looking up application "${displayName}"`,
        error,
        nextStepFor(error, 'Application.ReadWrite.OwnedBy'),
      );
    }
  };

  /** The application whose uniqueName is `uniqueName` (HayMaker sets it equal to the display name). */
  const findApplicationByUniqueName = async (uniqueName: string): Promise<ApplicationRef | undefined> => {
    const apps = await listAll('/applications', `displayName eq ${odataString(uniqueName)}`);
    const mine = apps.find((a) => a.uniqueName === uniqueName);
    return mine ? toApp(mine) : undefined;
  };

  return {
    findApplicationByDisplayName,

    async createOrGetApplication(displayName) {
      // An upsert keyed by uniqueName: Entra enforces the key on write, so a retried or rewound activity, or two racing
      // attempts, can never register a second application, however late the first one becomes visible to reads (a
      // list-then-create did exactly that under replication lag: two principals for one scenario).
      // https://learn.microsoft.com/graph/api/application-upsert
      let answer: any;
      try {
        answer = await withRetry(
          () =>
            client
              .api(`/applications(uniqueName=${odataString(displayName)})`)
              .header('Prefer', 'create-if-missing')
              .patch({ displayName, signInAudience: 'AzureADMyOrg' }),
          retry(),
        );
      } catch (error) {
        throw new AdapterError(
          `creating application "${displayName}"`,
          error,
          nextStepFor(error, 'Application.ReadWrite.OwnedBy'),
        );
      }
      // 201 carries the new object; 204 means it existed already (an earlier attempt made it).
      if (answer?.id) return { ...toApp(answer), created: true };
      const existing = await withRetry(
        async () => {
          const found = await findApplicationByUniqueName(displayName);
          if (!found) throw new NotVisibleYet(`application "${displayName}" exists but is not readable yet`);
          return found;
        },
        retry({ retryWhen: (e) => e instanceof NotVisibleYet }),
      ).catch((error: unknown) => {
        throw new AdapterError(
          `reading application "${displayName}" after its upsert`,
          error,
          'Entra did not show the application within the retry window; retry the activity',
        );
      });
      return { ...existing, created: false };
    },

    getApplication: (objectId) =>
      getOrUndefined(`application ${objectId}`, `/applications/${encodeURIComponent(objectId)}`, toApp),

    async createOrGetServicePrincipal(appId) {
      try {
        const found = await listAll('/servicePrincipals', `appId eq ${odataString(appId)}`);
        if (found[0]) return { ...toSp(found[0]), created: false };
        const created = await withRetry(
          () => client.api('/servicePrincipals').post({ appId }),
          retry({ retryWhen: isReplicationLag }),
        );
        return { ...toSp(created), created: true };
      } catch (error) {
        if (errorFacts(error).status === 409) {
          const again = await listAll('/servicePrincipals', `appId eq ${odataString(appId)}`);
          if (again[0]) return { ...toSp(again[0]), created: false };
        }
        throw new AdapterError(
          `creating the service principal of app ${appId}`,
          error,
          nextStepFor(error, 'Application.ReadWrite.OwnedBy'),
        );
      }
    },

    async findServicePrincipalByAppId(appId) {
      try {
        const found = await listAll('/servicePrincipals', `appId eq ${odataString(appId)}`);
        return found[0] ? toSp(found[0]) : undefined;
      } catch (error) {
        throw new AdapterError(
          `looking up the service principal of app ${appId}`,
          error,
          nextStepFor(error, 'Application.Read.All'),
        );
      }
    },

    getServicePrincipal: (id) =>
      getOrUndefined(`service principal ${id}`, `/servicePrincipals/${encodeURIComponent(id)}`, toSp),

    async addPassword(appObjectId, { displayName, endDateTime }) {
      try {
        const result = await withRetry(
          () =>
            client
              .api(`/applications/${encodeURIComponent(appObjectId)}/addPassword`)
              .post({ passwordCredential: { displayName, endDateTime } }),
          retry({ retryWhen: isReplicationLag }),
        );
        if (!result?.secretText) throw new Error('Graph returned no secretText');
        return { keyId: result.keyId, secretText: result.secretText };
      } catch (error) {
        // The message never carries the secret: it failed before one existed, or the text was missing.
        throw new AdapterError(
          `adding a password to application ${appObjectId}`,
          error,
          nextStepFor(error, 'Application.ReadWrite.OwnedBy'),
        );
      }
    },

    deleteApplication: (objectId) =>
      deleteOrNotFound(`application ${objectId}`, `/applications/${encodeURIComponent(objectId)}`),
    deleteServicePrincipal: (id) =>
      deleteOrNotFound(`service principal ${id}`, `/servicePrincipals/${encodeURIComponent(id)}`),
    purgeDeletedItem: (id) =>
      deleteOrNotFound(`deleted item ${id}`, `/directory/deletedItems/${encodeURIComponent(id)}`),
    getDeletedItem: (id) =>
      getOrUndefined(`deleted item ${id}`, `/directory/deletedItems/${encodeURIComponent(id)}`, (d) => ({
        id: d.id,
      })),

    async listDeletedApplicationsByPrefix(prefix) {
      try {
        return (
          await listAll(
            '/directory/deletedItems/microsoft.graph.application',
            `startswith(displayName,${odataString(prefix)})`,
          )
        ).map(toApp);
      } catch (error) {
        throw new AdapterError(
          `listing deleted applications starting with "${prefix}"`,
          error,
          nextStepFor(error, 'Application.Read.All'),
        );
      }
    },

    async listApplicationsByPrefix(prefix) {
      try {
        return (await listAll('/applications', `startswith(displayName,${odataString(prefix)})`)).map(toApp);
      } catch (error) {
        throw new AdapterError(
          `listing applications starting with "${prefix}"`,
          error,
          nextStepFor(error, 'Application.Read.All'),
        );
      }
    },
  };
}
