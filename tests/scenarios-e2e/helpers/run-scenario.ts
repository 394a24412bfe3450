// Runs one scenario (deploy → one operation burst → cleanup) the way a sandbox job does: the compiled
// agent runtime as a child process with the job contract env, the az stand-in first on PATH.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PARSER_NODE_ARGS } from '../../../core/shell/node-args';
import { parseAgentEvent, type AgentEvent } from '../../../core/events';
import { runShort } from '../../../core/naming';
import { scaledAzureLags, startSandbox, type Sandbox } from '../../../sandbox';
import { createActivityHandlers } from '../../../activities';
import type { ScenarioContext } from '../../../contract/activities';
import { createDependencies } from '../../../app/dependencies';
import { createMemoryAuditStore } from '../../../adapters/memory-audit-store';
import { parseConfiguration } from '../../../core/config';
import { distinctOperations } from '../../../catalog/operations/observed';

export const repoRoot = join(__dirname, '..', '..', '..');
// From dist/tests/... the repo root is one level further up.
const root = existsSync(join(repoRoot, 'scenarios')) ? repoRoot : join(repoRoot, '..');
export const agentMain = join(root, 'dist', 'agent-runtime', 'main.js');
export const standinBin = join(root, 'sandbox', 'az-standin', 'bin');
export const scenariosDir = join(root, 'scenarios');

export interface PhaseRun {
  phase: 'deploy' | 'operate' | 'cleanup';
  code: number | null;
  wallMs: number;
  output: string;
}

export interface ScenarioRun {
  scenarioId: string;
  runId: string;
  phases: PhaseRun[];
  events: AgentEvent[];
  /** ARM resources and groups still tagged with the run after cleanup, and role assignments and Entra objects it added. */
  leftovers: string[];
  /** Why selection refused the scenario (then nothing ran). */
  refused?: string[];
  /** The control-plane operations the scenario's own principal caused (its Activity Log events' names, distinct). */
  operations: string[];
}

function runPhase(
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
): Promise<{ code: number | null; output: string; wallMs: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...PARSER_NODE_ARGS, agentMain],
      { env, timeout: timeoutMs, maxBuffer: 8 * 1024 * 1024 },
      (error, stdout, stderr) =>
        resolve({
          code: error ? ((error as { code?: number }).code ?? 1) : 0,
          output: `${stdout}${stderr}`,
          wallMs: Date.now() - started,
        }),
    );
  });
}

interface SandboxStateView {
  graph?: {
    applications?: Record<string, { displayName?: string }>;
    servicePrincipals?: Record<string, { displayName?: string }>;
  };
  arm?: {
    roleAssignments?: Record<string, { id: string }>;
    groups?: Record<string, { id: string; tags?: Record<string, string> }>;
    resources?: Record<string, { id: string; tags?: Record<string, string> }>;
  };
  serviceBus?: { messages?: Record<string, { active?: { body: unknown }[] }> };
  activityLog?: { events?: { operationName: string; callerObjectId?: string }[] };
}

export function queuedEvents(sandbox: Sandbox, queue = 'agent-events'): AgentEvent[] {
  const state = sandbox.state() as SandboxStateView;
  return (state.serviceBus?.messages?.[queue]?.active ?? []).flatMap((m) => {
    const parsed = parseAgentEvent(m.body);
    return parsed.ok ? [parsed.value] : [];
  });
}

/** Role assignments and Entra objects that exist now: those a scenario adds must be gone after its cleanup. */
export function untaggedObjects(sandbox: Sandbox): Set<string> {
  const state = sandbox.state() as SandboxStateView;
  return new Set([
    ...Object.values(state.arm?.roleAssignments ?? {}).map((a) => `role assignment ${a.id}`),
    ...Object.entries(state.graph?.applications ?? {}).map(
      ([id, a]) => `application ${a.displayName ?? ''} ${id}`,
    ),
    ...Object.entries(state.graph?.servicePrincipals ?? {}).map(
      ([id, a]) => `service principal ${a.displayName ?? ''} ${id}`,
    ),
  ]);
}

/** The operation names of every Activity Log event a principal caused, each once. */
export function operationsBy(sandbox: Sandbox, principalObjectId: string): string[] {
  const state = sandbox.state() as SandboxStateView;
  const events = (state.activityLog?.events ?? []).filter((e) => e.callerObjectId === principalObjectId);
  return distinctOperations(events.map((e) => e.operationName));
}

/** Every ARM group or resource whose HayMaker tags name this run. */
export function taggedWithRun(sandbox: Sandbox, runId: string): string[] {
  const state = sandbox.state() as SandboxStateView;
  const all = [...Object.values(state.arm?.groups ?? {}), ...Object.values(state.arm?.resources ?? {})];
  return all.filter((r) => r.tags?.ExecutionId === runId).map((r) => r.id);
}

/** The orchestrator's part around the agent, through the real activities: selection's grant plan, the scenario's
 * resource groups, its principal, its roles at those groups; afterwards the principal's deletion. */
async function orchestratorSide(sandbox: Sandbox, scenarioId: string, runId: string) {
  const parsed = parseConfiguration({
    HAYMAKER_ENVIRONMENT: 'local',
    AZURE_TENANT_ID: sandbox.tenantId,
    AZURE_SUBSCRIPTION_ID: sandbox.subscriptionId,
    KEY_VAULT_URL: sandbox.endpoints.keyVault,
    SERVICE_BUS_NAMESPACE: 'haymaker.servicebus.windows.net',
    CONTAINER_APPS_RESOURCE_GROUP: 'rg-haymaker',
    CONTAINER_APPS_JOB_NAME: 'agent',
    AZURE_ARM_ENDPOINT: sandbox.endpoints.arm,
    MICROSOFT_GRAPH_ENDPOINT: sandbox.endpoints.graph,
    HAYMAKER_SCENARIOS_DIR: scenariosDir,
  });
  if (!parsed.ok) throw new Error(`settings: ${JSON.stringify(parsed.issues)}`);
  // The orchestrator's own principal, with exactly the grants the identities table gives it.
  const deps = await createDependencies(parsed.settings, {
    credential: sandbox.credentialFor('orchestrator'),
    tlsCa: sandbox.caCert,
    audit: createMemoryAuditStore(),
    pollIntervalInMs: 50,
  });
  const activities = createActivityHandlers(deps);
  const scenario: ScenarioContext = {
    runId,
    scenarioId,
    // A run's times: its secret expires with it, and Entra refuses an expired one.
    createdAt: new Date(Date.now()).toISOString(),
    expiresAt: new Date(Date.now() + 12 * 3_600_000).toISOString(),
  };
  const selected = await activities.selectScenarios({
    runId,
    request: { scenarioIds: [scenarioId] },
    seed: runId,
  });
  const refused = selected.refused.find((r) => r.scenarioId === scenarioId);
  if (refused) return { refused: refused.reasons } as const;
  const grants = selected.grants[scenarioId]!;
  await activities.createResourceGroups({
    ...scenario,
    resourceGroups: grants.resourceGroups,
    location: 'eastus',
  });
  const principal = await activities.provisionPrincipal(scenario);
  const roles = await activities.assignRoles({
    ...scenario,
    servicePrincipalId: principal.servicePrincipalId,
    grants,
  });
  const secret = (await deps.secrets.get(principal.secretName))!.value;
  return {
    scenario,
    principal,
    secret,
    finish: () =>
      activities.deletePrincipal({ ...scenario, principal, roleAssignmentIds: roles.roleAssignmentIds }),
  } as const;
}

export async function runScenario(
  sandbox: Sandbox,
  scenarioId: string,
  runId: string,
  options: { phaseTimeoutMs?: number } = {},
): Promise<ScenarioRun> {
  const before = untaggedObjects(sandbox);
  const side = await orchestratorSide(sandbox, scenarioId, runId);
  if ('refused' in side)
    return {
      scenarioId,
      runId,
      phases: [],
      events: [],
      leftovers: [],
      refused: side.refused,
      operations: [],
    };
  if (!existsSync(agentMain)) throw new Error(`${agentMain} is missing: build first (npx tsc -p .)`);
  const home = mkdtempSync(join(tmpdir(), 'haymaker-e2e-'));
  const base: NodeJS.ProcessEnv = {
    PATH: `${standinBin}:${process.env.PATH ?? ''}`,
    HOME: home,
    NODE_EXTRA_CA_CERTS: sandbox.caCertPath,
    HAYMAKER_SANDBOX_FILE: sandbox.publicSandboxFile,
    // The job's managed identity (the agent identity: Key Vault reads, Service Bus sends).
    ...sandbox.admin.managedIdentityEnvironment('agent'),
    HAYMAKER_RUN_ID: runId,
    HAYMAKER_SCENARIO: scenarioId,
    HAYMAKER_CREATED_AT: side.scenario.createdAt,
    HAYMAKER_EXPIRES_AT: side.scenario.expiresAt,
    AZURE_SUBSCRIPTION_ID: sandbox.subscriptionId,
    AZURE_TENANT_ID: sandbox.tenantId,
    AZURE_LOCATION: 'eastus',
    HAYMAKER_SP_CLIENT_ID: side.principal.appId,
    // The platform-injected form of the SP secret (a Container Apps secret reference in Azure).
    HAYMAKER_SP_SECRET: side.secret,
    // No Anthropic key anywhere: repair is disabled, so a failing step fails its phase.
    ANTHROPIC_API_KEY_SECRET_NAME: 'e2e-no-anthropic-key',
    KEY_VAULT_URL: sandbox.endpoints.keyVault,
    SERVICE_BUS_NAMESPACE: 'haymaker.servicebus.windows.net',
    SERVICE_BUS_ENDPOINT: sandbox.endpoints.serviceBus,
    ANTHROPIC_BASE_URL: sandbox.endpoints.anthropic,
    HAYMAKER_SCENARIOS_DIR: scenariosDir,
    HAYMAKER_STEP_TIMEOUT_SECONDS: '120',
  };
  const timeout = options.phaseTimeoutMs ?? 120_000;
  const phases: PhaseRun[] = [];
  try {
    for (const phase of ['deploy', 'operate', 'cleanup'] as const) {
      const r = await runPhase(
        { ...base, HAYMAKER_PHASE: phase, ...(phase === 'operate' ? { HAYMAKER_BURST: '1' } : {}) },
        timeout,
      );
      phases.push({ phase, ...r });
      // A failed deploy still gets its cleanup, as the orchestration does.
      if (r.code !== 0 && phase === 'deploy') {
        const c = await runPhase({ ...base, HAYMAKER_PHASE: 'cleanup' }, timeout);
        phases.push({ phase: 'cleanup', ...c });
        break;
      }
    }
  } finally {
    rmSync(home, { recursive: true, force: true });
    await side.finish();
  }
  const events = queuedEvents(sandbox).filter((e) => e.runId === runId && e.scenarioId === scenarioId);
  // Scenarios may run side by side: only objects named after this run are its own (groups, display names).
  const short = runShort(runId);
  const added = [...untaggedObjects(sandbox)].filter((o) => !before.has(o) && o.includes(short));
  return {
    scenarioId,
    runId,
    phases,
    events,
    leftovers: [...taggedWithRun(sandbox, runId), ...added],
    operations: operationsBy(sandbox, side.principal.servicePrincipalId),
  };
}

/**
 * One sandbox for a jest suite and the scenarios `run` runs on it (started in beforeAll, stopped in afterAll), with
 * the untagged objects the runs added to it (there should be none: everything a run makes carries its tags). Azure's
 * authorization and Azure's lags (at npm start's default time scale): each scenario runs with exactly what its
 * principal was granted, and the sign-in meets Entra's propagation.
 */
export function useScenarioRuns(run: (sandbox: Sandbox) => Promise<ScenarioRun[]>): {
  runs: Map<string, ScenarioRun>;
  sandbox: () => Sandbox;
  newUntaggedObjects: () => string[];
} {
  let sandbox: Sandbox | undefined;
  let before = new Set<string>();
  const runs = new Map<string, ScenarioRun>();
  const started = () => {
    if (!sandbox) throw new Error('the sandbox did not start; see the beforeAll error');
    return sandbox;
  };
  beforeAll(async () => {
    sandbox = await startSandbox({ settings: scaledAzureLags(600) });
    before = untaggedObjects(sandbox);
    for (const r of await run(sandbox)) runs.set(r.scenarioId, r);
  });
  afterAll(async () => {
    await sandbox?.stop();
  });
  return {
    runs,
    sandbox: started,
    newUntaggedObjects: () => [...untaggedObjects(started())].filter((o) => !before.has(o)),
  };
}
