import type { SandboxAuthorization } from '../authz/sandbox-authz';
import type { RedeliveryRule } from '../servicebus/redelivery';
import type { SandboxIdentity } from '../entra/identity';
import type { Faults } from './faults';
import type { RequestLog } from './request-log';
import type { AuthCheck, ServiceRouter } from './router';
import type { StateStore } from './state-store';

/** The endpoints the sandbox publishes (DESIGN.md §4, `.haymaker/sandbox.json`). */
export const endpointNames = [
  'arm',
  'graph',
  'keyVault',
  'serviceBus',
  'anthropic',
  'login',
  'identity',
] as const;
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
  /** Entra: a new client secret is refused at sign-in (AADSTS7000215) for this long after addPassword. */
  secretPropagationLagMs: number;
  /** ARM: a new role assignment takes effect (and a removed one stops) only this long after the change. */
  roleAssignmentPropagationLagMs: number;
  /** Microsoft Graph: a deleted object shows up in `directory/deletedItems` only this long after the delete. */
  deletedItemsLagMs: number;
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
  /** Microsoft Graph: the principal type ARM records for an object (undefined when unknown or not replicated yet). */
  graphPrincipalType?: (objectId: string) => 'ServicePrincipal' | 'User' | 'Group' | undefined;
  /** Container Apps: kill a running execution's process with SIGKILL (an agent crash); false when none runs by that name. */
  containerAppsCrashExecution?: (executionName: string) => Promise<boolean>;
  /** Managed identity endpoint: IDENTITY_ENDPOINT and IDENTITY_HEADER for a job execution running as these identities. */
  managedIdentityEnvironment?: (identities: { principalId: string; clientId: string }[]) => {
    IDENTITY_ENDPOINT: string;
    IDENTITY_HEADER: string;
  };
  /** ARM: the properties of a resource, undefined when it does not exist. */
  armResourceProperties?: (id: string) => Record<string, unknown> | undefined;
  /** ARM: whether a resource or resource group id exists. */
  armExists?: (id: string) => boolean;
  /** Service Bus: at-least-once delivery of matching messages (a fault; see the broker's RedeliveryRule). */
  serviceBusRedeliver?: (rule: RedeliveryRule) => void;
}

export interface Clock {
  now(): number;
}

/** The two subscriptions of the prod shape: HayMaker's own resources in the platform one, scenarios in the target. */
export interface Subscriptions {
  /** The subscription HayMaker fills (`sandbox.json` `subscriptionId`). */
  readonly target: string;
  /** Where HayMaker's own resources live (the same id as target in the dev shape). */
  readonly platform: string;
}

export interface ServiceContext {
  /** The target subscription (kept for services that predate two subscriptions). */
  readonly subscriptionId: string;
  readonly subscriptions: Subscriptions;
  readonly tenantId: string;
  readonly location: string;
  readonly state: StateStore;
  readonly faults: Faults;
  readonly log: RequestLog;
  readonly clock: Clock;
  readonly ids: { guid(): string };
  readonly settings: SandboxSettings;
  readonly lookups: SandboxLookups;
  /** Issues and verifies access tokens (the sandbox's Entra). */
  readonly identity: SandboxIdentity;
  /** Authorization decisions (ARM RBAC, data actions, Graph permissions) with Azure's refusals. */
  readonly authz: SandboxAuthorization;
  /** Filled once every server listens; read it at request time, not in `register`. */
  readonly endpoints: Endpoints;
  readonly caCertPath: string;
  /** The secret-free copy of sandbox.json that job executions get (HAYMAKER_SANDBOX_FILE). */
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
  /** Default auth for its routes when `authenticate` is not given; ARM's token check when neither is. */
  readonly auth?: AuthCheck | 'none';
  /** Default auth built from the context (a token check for the service's audience). */
  readonly authenticate?: (ctx: ServiceContext) => AuthCheck;
  register?(router: ServiceRouter, ctx: ServiceContext): void;
  /** For a non-HTTP protocol (AMQP): start a listener; its URL becomes the endpoint. */
  listen?(ctx: ServiceContext, port: number): Promise<Listener>;
  /** The URL to publish, given the HTTPS server's base URL (default: the base URL itself). */
  publishedUrl?(baseUrl: string): string;
}

export type SandboxServiceFactory = () => SandboxService;
