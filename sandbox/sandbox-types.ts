// The sandbox's public shapes: what startSandbox takes and what it answers.
import type { TokenCredential } from '@azure/core-auth';
import type { ArmThrottle, Faults } from './core/faults';
import type { RequestLogEntry } from './core/request-log';
import type {
  Clock,
  EndpointName,
  Endpoints,
  SandboxLookups,
  SandboxServiceFactory,
  SandboxSettings,
  Subscriptions,
} from './core/service';
import type { BuiltinPrincipalName } from './entra/builtin-principals';
import type { RedeliveryRule } from './servicebus/redelivery';
import type { PlatformResources } from './platform';

export interface SandboxOptions {
  /** The target subscription (the one HayMaker fills). */
  subscriptionId?: string;
  /**
   * Where HayMaker's own resources live (vault, bus, registry, identities). A subscription of its own by default
   * (the prod shape); pass `subscriptionId`'s value for the dev shape where both are one.
   */
  platformSubscriptionId?: string;
  tenantId?: string;
  /** Default location of resources created without one. */
  location?: string;
  /** TLS material, `sandbox.json` (unless `sandboxFile`) and persisted state; a temp dir removed on stop by default. */
  dataDir?: string;
  /** Load `<dataDir>/state.json` at start and keep it up to date (the `npm run sandbox` store). */
  persistState?: boolean;
  /** Fixed ports per endpoint; 0 or absent = any free port. */
  ports?: Partial<Record<EndpointName, number>>;
  /** Seed of the generator behind `rate` faults. */
  seed?: number;
  /** ARM token buckets; Azure's figures by default (`null` per kind turns it off). */
  armThrottle?: Partial<ArmThrottle>;
  settings?: Partial<SandboxSettings>;
  /** Directory put first on PATH of Container Apps job executions (the `az` stand-in). */
  agentPathPrepend?: string;
  /** Where to write sandbox.json (DESIGN.md §4); default `<dataDir>/sandbox.json`. */
  sandboxFile?: string;
  /** Services to run; default every service in `sandbox/services.ts`. */
  services?: SandboxServiceFactory[];
  clock?: Clock;
}

export interface SandboxAdmin {
  setResourceGraphIndexLagMs(ms: number): void;
  setGraphReplicationLagMs(ms: number): void;
  /** Puts a resource straight into ARM (e.g. a decoy the janitor must leave alone). */
  putDecoyResource(resource: Parameters<NonNullable<SandboxLookups['armPutResource']>>[0]): void;
  /** Puts a service principal with this object id into the directory (replicated), e.g. one an example assigns. */
  putDirectoryPrincipal(objectId: string, displayName?: string): void;
  /** A new app registration + service principal + client secret that signs in at once (tests, tools). */
  createPrincipal(displayName: string): PrincipalSecret;
  /**
   * The environment a process needs to run as a built-in managed identity through the identity endpoint, as a
   * Container Apps job execution gets it: IDENTITY_ENDPOINT, IDENTITY_HEADER and AZURE_CLIENT_ID.
   */
  managedIdentityEnvironment(name: 'orchestrator' | 'agent'): Record<string, string>;
  /** Kills a running job execution's process (SIGKILL), as an agent crash; resolves false when none runs by that name. */
  crashExecution(executionName: string): Promise<boolean>;
  /** Service Bus delivers matching messages several times (at-least-once delivery), as after a lost lock. */
  redeliverMessages(rule: RedeliveryRule): void;
}

/** Sign-in details of a principal (`sandbox.json` `principals`). */
export interface PrincipalSecret {
  clientId: string;
  clientSecret: string;
  objectId: string;
}

export interface Sandbox {
  caCertPath: string;
  /** PEM text of the CA, for `tlsOptions: { ca }` in-process where NODE_EXTRA_CA_CERTS cannot be set. */
  caCert: string;
  /** The target subscription. */
  subscriptionId: string;
  subscriptions: Subscriptions;
  tenantId: string;
  location: string;
  endpoints: Endpoints;
  /** The tenant administrator (Owner on both subscriptions, data roles on the platform's vault and bus, Graph admin). */
  credential: TokenCredential;
  /** The built-in principals with their secrets (orchestrator, agent, nobody, admin). */
  principals: Record<BuiltinPrincipalName, PrincipalSecret>;
  /** A credential that signs in as a built-in principal (in-process; tokens carry its Graph permissions). */
  credentialFor(name: BuiltinPrincipalName): TokenCredential;
  /** HayMaker's platform resources and the ARM ids of the identities table's scope symbols. */
  platform: PlatformResources;
  faults: Faults;
  settings: SandboxSettings;
  admin: SandboxAdmin;
  sandboxFile: string;
  /** sandbox.json without the principals' secrets: what job executions get as HAYMAKER_SANDBOX_FILE. */
  publicSandboxFile: string;
  /** Deep copy of every service's state. */
  state(): Record<string, unknown>;
  requestLog(): RequestLogEntry[];
  stop(): Promise<void>;
}
