import type { Faults } from './faults';
import type { RequestLog } from './request-log';
import type { AuthCheck, ServiceRouter } from './router';
import type { StateStore } from './state-store';

/** The endpoints the sandbox publishes (DESIGN.md §4, `.haymaker/sandbox.json`). */
export const endpointNames = ['arm', 'graph', 'keyVault', 'serviceBus', 'anthropic'] as const;
export type EndpointName = (typeof endpointNames)[number];
export type Endpoints = Record<EndpointName, string>;

/** Knobs tests and the CLI turn at run time (also `PUT /_sandbox/settings`). */
export interface SandboxSettings {
  /** Resource Graph sees a created/deleted resource only this long after the change. */
  resourceGraphIndexLagMs: number;
  /** Microsoft Graph: a new object reads as 404 for this long (Entra replication). */
  graphReplicationLagMs: number;
  /** ARM long-running operations (group/resource deletes) finish this long after they start. */
  armOperationDelayMs: number;
  /** Activity Log: an event can be read this long after it happened (sandbox/activitylog/ingestion.ts). */
  activityLogIngestionDelayMs: number;
}

/**
 * What services offer each other. A service fills its entries in `register`/`listen`;
 * others read them at request time (they may be absent when that service is not installed).
 * Add an entry here (one line, with its doc comment) when your service offers a lookup.
 */
export interface SandboxLookups {
  /** Key Vault: current value of a secret by its identifier URL (`…/secrets/NAME[/VERSION]`), undefined when absent. */
  keyVaultSecretValue?: (secretUrl: string) => string | undefined;
  /** ARM: create or replace a resource directly (decoys, seeding), bypassing HTTP, faults and throttling. */
  armPutResource?: (resource: {
    id: string;
    location?: string;
    tags?: Record<string, string>;
    properties?: Record<string, unknown>;
    kind?: string;
  }) => void;
  /** Microsoft Graph: whether a directory object (service principal, user) exists and is replicated; role assignments refuse unknown principals. */
  graphPrincipalExists?: (objectId: string) => boolean;
  /** Container Apps: kill a running execution's process with SIGKILL (an agent crash); false when none runs by that name. */
  containerAppsCrashExecution?: (executionName: string) => Promise<boolean>;
  /** ARM: whether a resource or resource group id exists. */
  armExists?: (id: string) => boolean;
}

export interface Clock {
  now(): number;
}

export interface ServiceContext {
  readonly subscriptionId: string;
  readonly tenantId: string;
  readonly location: string;
  readonly state: StateStore;
  readonly faults: Faults;
  readonly log: RequestLog;
  readonly clock: Clock;
  readonly ids: { guid(): string };
  readonly settings: SandboxSettings;
  readonly lookups: SandboxLookups;
  /** Filled once every server listens; read it at request time, not in `register`. */
  readonly endpoints: Endpoints;
  readonly caCertPath: string;
  /** Path of sandbox.json when the sandbox runs as a process (`npm run sandbox`), else a file written for children. */
  readonly sandboxFile: string;
  /** Directory prepended to PATH of job executions (where the `az` stand-in lives). */
  readonly agentPathPrepend?: string;
  /** Cleanup run by `stop()` in reverse order of registration (kill children, close sockets). */
  onStop(fn: () => void | Promise<void>): void;
}

export interface Listener {
  /** The URL to publish for this endpoint (e.g. `sb://127.0.0.1:PORT`). */
  url: string;
  close(): Promise<void>;
}

export interface SandboxService {
  /** Used by faults and the request log (`arm`, `resource-graph`, `container-apps`, `graph`, `key-vault`, …). */
  readonly name: string;
  /** The endpoint whose HTTPS server serves this service's routes (several services may share one). */
  readonly endpoint: EndpointName;
  /** Default auth for its routes; bearer token (401 + WWW-Authenticate) when omitted. */
  readonly auth?: AuthCheck | 'none';
  register?(router: ServiceRouter, ctx: ServiceContext): void;
  /** For a non-HTTP protocol (AMQP): start a listener; its URL becomes the endpoint. */
  listen?(ctx: ServiceContext, port: number): Promise<Listener>;
  /** The URL to publish, given the HTTPS server's base URL (default: the base URL itself). */
  publishedUrl?(baseUrl: string): string;
}

export type SandboxServiceFactory = () => SandboxService;
