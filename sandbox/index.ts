import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ACTIVITY_LOG_INGESTION_DELAY_MS } from './activitylog/ingestion';
import { armState } from './arm/store';
import { AuthorizationEngine } from './authz/engine';
import { SandboxAuthorization } from './authz/sandbox-authz';
import { seedGrants } from './authz/seed-grants';
import { adminRouter } from './core/admin-routes';
import { principalCredential } from './core/credential';
import { armAuthentication } from './entra/authenticate';
import {
  seedBuiltinPrincipals,
  type BuiltinPrincipal,
  type BuiltinPrincipalName,
} from './entra/builtin-principals';
import { SandboxIdentity } from './entra/identity';
import { createDirectoryPrincipal, putDirectoryPrincipal } from './graph/seed-principal';
import { loadOrCreateSigningKey } from './entra/tokens';
import { platformResources } from './platform';
import { Faults } from './core/faults';
import { RequestLog } from './core/request-log';
import { Router } from './core/router';
import { startHttpsServer } from './core/server';
import {
  endpointNames,
  type EndpointName,
  type Endpoints,
  type Listener,
  type SandboxLookups,
  type SandboxSettings,
  type ServiceContext,
  type Subscriptions,
} from './core/service';
import { StateStore } from './core/state-store';
import { ensureSandboxTls } from './core/tls';
import type { PrincipalSecret, Sandbox, SandboxOptions } from './sandbox-types';
import { serviceFactories } from './services';

export type { Endpoints, EndpointName, SandboxSettings, SandboxLookups, Subscriptions } from './core/service';
export type { BuiltinPrincipal, BuiltinPrincipalName } from './entra/builtin-principals';
export type { FaultRuleInput, ArmThrottle } from './core/faults';
export { AZURE_LAGS, scaledAzureLags, type LagSettings } from './core/lags';
export type { RequestLogEntry } from './core/request-log';
export type { PrincipalSecret, Sandbox, SandboxAdmin, SandboxOptions } from './sandbox-types';

/** Starts every sandbox service on loopback HTTPS (and AMQP) and writes sandbox.json. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const ownsDataDir = !options.dataDir;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'haymaker-sandbox-'));
  mkdirSync(dataDir, { recursive: true });
  const tls = ensureSandboxTls(join(dataDir, 'tls'));
  const clock = options.clock ?? { now: () => Date.now() };
  const state = new StateStore();
  const statePath = join(dataDir, 'state.json');
  if (options.persistState) state.load(statePath);
  const tenant = state.area('tenant', () => ({
    subscriptionId: options.subscriptionId ?? randomUUID(),
    tenantId: options.tenantId ?? randomUUID(),
    platformSubscriptionId: options.platformSubscriptionId as string | undefined,
  }));
  tenant.platformSubscriptionId ??= options.platformSubscriptionId ?? randomUUID();
  const subscriptions: Subscriptions = {
    target: tenant.subscriptionId,
    platform: tenant.platformSubscriptionId,
  };
  const faults = new Faults(() => clock.now(), options.seed ?? 1);
  if (options.armThrottle) faults.setArmThrottle(options.armThrottle);
  const log = new RequestLog();
  const settings: SandboxSettings = {
    resourceGraphIndexLagMs: 0,
    graphReplicationLagMs: 0,
    armOperationDelayMs: 0,
    activityLogIngestionDelayMs: ACTIVITY_LOG_INGESTION_DELAY_MS,
    secretPropagationLagMs: 0,
    roleAssignmentPropagationLagMs: 0,
    deletedItemsLagMs: 0,
    ...options.settings,
  };
  const lookups: SandboxLookups = {};
  const endpoints: Endpoints = {
    arm: '',
    graph: '',
    keyVault: '',
    serviceBus: '',
    anthropic: '',
    login: '',
    identity: '',
  };
  const identity = new SandboxIdentity(
    tenant.tenantId,
    loadOrCreateSigningKey(options.persistState ? join(dataDir, 'entra-signing-key.json') : undefined),
    clock,
  );
  const authz = new SandboxAuthorization(
    new AuthorizationEngine(
      () => Object.values(armState({ state } as ServiceContext).roleAssignments),
      () => clock.now(),
      () => settings.roleAssignmentPropagationLagMs,
    ),
  );
  const sandboxFile = options.sandboxFile ?? join(dataDir, 'sandbox.json');
  // What job executions (the agent, the az stand-in) are pointed at: sandbox.json without the principals' secrets.
  const publicSandboxFile = join(dataDir, 'sandbox-public.json');
  const stoppers: (() => void | Promise<void>)[] = [];

  let saveTimer: NodeJS.Timeout | undefined;
  const scheduleSave = options.persistState
    ? () => {
        if (saveTimer) return;
        saveTimer = setTimeout(() => {
          saveTimer = undefined;
          state.save(statePath);
        }, 200);
      }
    : undefined;

  const ctx: ServiceContext = {
    subscriptionId: subscriptions.target,
    subscriptions,
    tenantId: tenant.tenantId,
    location: options.location ?? 'eastus',
    state,
    faults,
    log,
    clock,
    ids: { guid: () => randomUUID() },
    settings,
    lookups,
    identity,
    authz,
    endpoints,
    caCertPath: tls.caCertPath,
    sandboxFile: publicSandboxFile,
    agentPathPrepend: options.agentPathPrepend,
    onStop: (fn) => stoppers.push(fn),
  };

  const services = (options.services ?? serviceFactories).map((factory) => factory());
  const routers = new Map<EndpointName, Router>();
  const publish = new Map<EndpointName, (base: string) => string>();
  const listeners: Listener[] = [];
  const servers: { close(): Promise<void> }[] = [];
  const stopAll = async () => {
    if (saveTimer) clearTimeout(saveTimer);
    for (const fn of stoppers.reverse()) await fn();
    for (const s of [...servers, ...listeners]) await s.close();
    if (options.persistState) state.save(statePath);
    if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    for (const service of services) {
      if (service.register) {
        const router = routers.get(service.endpoint) ?? new Router();
        routers.set(service.endpoint, router);
        const auth = service.authenticate
          ? service.authenticate(ctx)
          : (service.auth ?? armAuthentication(identity));
        service.register(router.forService(service.name, auth), ctx);
        if (service.publishedUrl) publish.set(service.endpoint, service.publishedUrl);
      }
    }
    const admin = adminRouter({ faults, log, state, settings });
    for (const [endpoint, router] of routers) {
      const server = await startHttpsServer({
        endpoint,
        tls,
        router,
        faults,
        log,
        admin,
        port: options.ports?.[endpoint],
        onMutation: scheduleSave,
        clock,
      });
      servers.push(server);
      endpoints[endpoint] = (publish.get(endpoint) ?? ((b: string) => b))(server.url);
    }
    for (const service of services) {
      if (service.listen) {
        const listener = await service.listen(ctx, options.ports?.[service.endpoint] ?? 0);
        listeners.push(listener);
        endpoints[service.endpoint] = listener.url;
      }
    }
  } catch (error) {
    await stopAll();
    throw error;
  }

  let principals: Record<BuiltinPrincipalName, BuiltinPrincipal>;
  const platform = platformResources(subscriptions);
  try {
    principals = seedBuiltinPrincipals(ctx);
    for (const resource of platform.resources) lookups.armPutResource?.(resource);
    for (const [name, id] of Object.entries(platform.identities)) {
      const principal = principals[name as 'orchestrator' | 'agent'];
      lookups.armPutResource?.({
        id,
        properties: { principalId: principal.objectId, clientId: principal.clientId, tenantId: ctx.tenantId },
      });
    }
    seedGrants(ctx, principals, platform);
    scheduleSave?.();
  } catch (error) {
    await stopAll();
    throw error;
  }
  const secrets = Object.fromEntries(
    Object.entries(principals).map(([name, p]) => [
      name,
      { clientId: p.clientId, clientSecret: p.clientSecret, objectId: p.objectId },
    ]),
  ) as Record<BuiltinPrincipalName, PrincipalSecret>;

  const summary = {
    caCertPath: tls.caCertPath,
    subscriptionId: ctx.subscriptionId,
    platformSubscriptionId: subscriptions.platform,
    tenantId: ctx.tenantId,
    // The identity endpoint is handed to job executions (IDENTITY_ENDPOINT), not published.
    endpoints: Object.fromEntries(Object.entries(endpoints).filter(([name]) => name !== 'identity')),
    // DESIGN.md §4: the orchestrator holds exactly the grants Bicep gives the orchestrator identity; nobody none.
    principals: { orchestrator: secrets.orchestrator, nobody: secrets.nobody },
  };
  mkdirSync(dirname(sandboxFile), { recursive: true });
  writeFileSync(sandboxFile, `${JSON.stringify(summary, null, 2)}\n`, { mode: 0o600 });
  const { principals: _withheld, ...publicSummary } = summary;
  writeFileSync(publicSandboxFile, `${JSON.stringify(publicSummary, null, 2)}\n`);

  let stopped: Promise<void> | undefined;
  return {
    caCertPath: tls.caCertPath,
    caCert: tls.caCert,
    subscriptionId: ctx.subscriptionId,
    subscriptions,
    tenantId: ctx.tenantId,
    location: ctx.location,
    endpoints,
    credential: principalCredential(ctx, principals.admin),
    principals: secrets,
    credentialFor: (name) => principalCredential(ctx, principals[name]),
    platform,
    faults,
    settings,
    sandboxFile,
    publicSandboxFile,
    admin: {
      setResourceGraphIndexLagMs: (ms) => {
        settings.resourceGraphIndexLagMs = ms;
      },
      setGraphReplicationLagMs: (ms) => {
        settings.graphReplicationLagMs = ms;
      },
      putDecoyResource: (resource) => {
        if (!lookups.armPutResource)
          throw new Error('could not put a decoy resource: the ARM service is not running in this sandbox');
        lookups.armPutResource(resource);
      },
      putDirectoryPrincipal: (objectId, displayName) => {
        putDirectoryPrincipal(ctx, objectId, displayName);
      },
      createPrincipal: (displayName) => createDirectoryPrincipal(ctx, displayName),
      managedIdentityEnvironment: (name) => {
        const principal = principals[name];
        if (!lookups.managedIdentityEnvironment)
          throw new Error(
            'could not give a managed identity: the identity endpoint is not running in this sandbox',
          );
        return {
          ...lookups.managedIdentityEnvironment([
            { principalId: principal.objectId, clientId: principal.clientId },
          ]),
          AZURE_CLIENT_ID: principal.clientId,
        };
      },
      redeliverMessages: (rule) => {
        if (!lookups.serviceBusRedeliver)
          throw new Error('could not redeliver messages: Service Bus is not running in this sandbox');
        lookups.serviceBusRedeliver(rule);
      },
      crashExecution: async (executionName) => {
        if (!lookups.containerAppsCrashExecution)
          throw new Error(
            'could not crash an execution: the Container Apps service is not running in this sandbox',
          );
        return lookups.containerAppsCrashExecution(executionName);
      },
    },
    state: () => state.snapshot(),
    requestLog: () => log.list(),
    stop: () => (stopped ??= stopAll()),
  };
}

export { endpointNames };
