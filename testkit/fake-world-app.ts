// Test app for the orchestration tests: the real app/main.ts registrations (the same code path as production),
// wired to fake activities that act on a small in-memory "world". The fake agent answers through the Service Bus
// trigger, so the agent-events trigger is exercised too. The embedded host loads this file from dist/.
import type {
  ActivityHandlers,
  ActivityInput,
  ActivityName,
  RunSettings,
  TaggedResource,
} from '../contract/activities';
import '../app/main';
import { configureApp } from '../app/composition';
import type { AuditEventRecord } from '../adapters/audit-store';
import { createMemoryAuditStore } from '../adapters/memory-audit-store';
import { localTestSettings } from './local-settings';
import type { AgentEvent } from '../core/events';

/** How the fake agent answers one job: `complete` once, `triple` three times (same eventId), `fail`, or `never`. */
export type AgentAnswer = 'complete' | 'triple' | 'fail' | 'never';

export interface ScenarioScript {
  answer?: (phase: string, burst?: number) => AgentAnswer;
  leftovers?: TaggedResource[];
  failActivities?: ActivityName[];
  /** Fail the first N calls of these activities for the scenario, then behave. */
  failFirst?: Partial<Record<ActivityName, number>>;
  /** The first N agent jobs of each step of this phase end Failed without a word (a dead container), then behave. */
  crashFirst?: Partial<Record<'deploy' | 'operate' | 'cleanup', number>>;
  /** A crashed execution was alive after all: when its retry starts, the crashed one's phase_completed arrives. */
  lateWordFromCrashed?: boolean;
  /** ARM is still deleting the leftovers for this many forceDeleteResources calls (a long resource group delete). */
  deletingFor?: number;
}

export interface FakeWorld {
  now: () => number;
  send?: (queueName: string, body: unknown) => void;
  calls: { name: ActivityName; input: any; at: number }[];
  scripts: Map<string, ScenarioScript>;
  /** Agent events as the Service Bus trigger stored them in the audit trail. */
  agentEvents: AuditEventRecord[];
  selectScenarios: string[];
  /** Agent jobs started, by `<scenarioId>:<phase>:<burst>`. */
  jobStarts: Map<string, number>;
  /** Executions that crashed (crashFirst): the watchdog reads them as Failed. */
  crashedExecutions: Set<string>;
  /** Scenarios selection refuses (for the report). */
  refused?: { scenarioId: string; reasons: string[] }[];
  /** The office-hours profile validateConfiguration answers (HAYMAKER_OFFICE_HOURS); unset = none. */
  officeHours?: RunSettings['officeHours'];
  script(scenarioId: string): ScenarioScript;
  answers(scenarioId: string, eventName: string): boolean;
}

export const world: FakeWorld = {
  now: () => Date.now(),
  calls: [],
  scripts: new Map(),
  agentEvents: [],
  selectScenarios: [],
  jobStarts: new Map(),
  crashedExecutions: new Set(),
  script(scenarioId) {
    return this.scripts.get(scenarioId) ?? {};
  },
  answers(scenarioId, eventName) {
    const [, phase, burst] = eventName.split(':');
    const crashes = this.script(scenarioId).crashFirst?.[phase as 'deploy'] ?? 0;
    if ((this.jobStarts.get(`${scenarioId}:${phase}:${burst ?? ''}`) ?? 0) <= crashes) return false;
    const answer =
      this.script(scenarioId).answer?.(phase!, burst === undefined ? undefined : Number(burst)) ?? 'complete';
    return answer !== 'never';
  },
};

const settings = localTestSettings();

let eventSeq = 0;
function agentEvent(
  input: { runId: string; scenarioId: string },
  type: AgentEvent['type'],
  phase: AgentEvent['phase'],
  burst?: number,
  data: Record<string, unknown> = {},
  executionName?: string,
) {
  return {
    eventId: `ev-${++eventSeq}`,
    type,
    runId: input.runId,
    scenarioId: input.scenarioId,
    phase,
    ...(burst !== undefined ? { burst } : {}),
    ...(executionName !== undefined ? { executionName } : {}),
    timestamp: new Date(world.now()).toISOString(),
    data,
  };
}

function handler<N extends ActivityName>(name: N, fn: (input: ActivityInput<N>) => any) {
  return async (input: ActivityInput<N>) => {
    world.calls.push({ name, input, at: world.now() });
    const scenarioId = (input as { scenarioId?: string }).scenarioId;
    if (scenarioId && world.script(scenarioId).failActivities?.includes(name))
      throw new Error(`fake ${name} failed for ${scenarioId}`);
    const failFirst = scenarioId ? world.script(scenarioId).failFirst : undefined;
    if (scenarioId && failFirst?.[name]) {
      failFirst[name] -= 1;
      throw new Error(`fake ${name} failed for ${scenarioId} (transient)`);
    }
    return fn(input);
  };
}

const rid = (scenarioId: string) =>
  `/subscriptions/${settings.subscriptionId}/resourceGroups/rg-${scenarioId}`;

const handlers: ActivityHandlers = {
  validateConfiguration: handler('validateConfiguration', (request) => ({
    subscriptionId: settings.subscriptionId,
    location: settings.location,
    operationsWindowMinutes: request.operationsWindowMinutes ?? 120,
    operationBursts: request.operationBursts ?? 2,
    rolePropagationSeconds: 60,
    phaseDeadlineMinutes: 60,
    burstDeadlineMinutes: 20,
    phaseCrashRetries: 2,
    runExpiryHours: 12,
    ...(world.officeHours ? { officeHours: world.officeHours } : {}),
  })),
  selectScenarios: handler('selectScenarios', () => ({
    scenarioIds: world.selectScenarios,
    refused: world.refused ?? [],
    grants: Object.fromEntries(
      world.selectScenarios.map((id) => [id, { resourceGroups: [`rg-${id}`], roles: ['Contributor'] }]),
    ),
  })),
  createResourceGroups: handler('createResourceGroups', (input) => ({
    resourceGroupIds: input.resourceGroups.map(
      (g) => `/subscriptions/${settings.subscriptionId}/resourceGroups/${g}`,
    ),
  })),
  recordAuditEvent: handler('recordAuditEvent', () => undefined),
  provisionPrincipal: handler('provisionPrincipal', (s) => ({
    appId: `app-${s.scenarioId}`,
    appObjectId: `obj-${s.scenarioId}`,
    servicePrincipalId: `sp-${s.scenarioId}`,
    secretName: `scenario-sp-${s.scenarioId}-secret`,
    displayName: `AzureHayMaker-${s.scenarioId}-admin`,
  })),
  assignRoles: handler('assignRoles', (input) => ({
    roleAssignmentIds: ('grants' in input ? input.grants.roles : input.roles).map(
      (r) => `ra-${input.scenarioId}-${r}`,
    ),
  })),
  startAgentJob: handler('startAgentJob', (input) => {
    const key = `${input.scenarioId}:${input.phase}:${input.burst ?? ''}`;
    const started = (world.jobStarts.get(key) ?? 0) + 1;
    world.jobStarts.set(key, started);
    const crashedName = (n: number) =>
      `exec-${input.scenarioId}-${input.phase}${input.burst ?? ''}-crashed-${n}`;
    const crashes = world.script(input.scenarioId).crashFirst?.[input.phase] ?? 0;
    if (started <= crashes) {
      const executionName = crashedName(started);
      world.crashedExecutions.add(executionName);
      return { executionName };
    }
    const answer = world.script(input.scenarioId).answer?.(input.phase, input.burst) ?? 'complete';
    const queue = 'agent-events';
    const executionName = `exec-${input.scenarioId}-${input.phase}${input.burst === undefined ? '' : `-${input.burst}`}`;
    if (crashes > 0 && world.script(input.scenarioId).lateWordFromCrashed)
      world.send?.(
        queue,
        agentEvent(input, 'phase_completed', input.phase, input.burst, {}, crashedName(crashes)),
      );
    if (input.phase === 'deploy')
      world.send?.(
        queue,
        agentEvent(input, 'resource_created', 'deploy', undefined, { resourceId: rid(input.scenarioId) }),
      );
    if (input.phase === 'cleanup')
      world.send?.(
        queue,
        agentEvent(input, 'resource_deleted', 'cleanup', undefined, { resourceId: rid(input.scenarioId) }),
      );
    if (answer !== 'never') {
      const event = agentEvent(
        input,
        answer === 'fail' ? 'phase_failed' : 'phase_completed',
        input.phase,
        input.burst,
        answer === 'fail' ? { error: 'step 2 failed' } : {},
        executionName,
      );
      for (let i = 0; i < (answer === 'triple' ? 3 : 1); i++) world.send?.(queue, event);
    }
    return { executionName };
  }),
  stopAgentJob: handler('stopAgentJob', () => ({ stopped: true })),
  findTaggedResources: handler('findTaggedResources', (input) => ({
    resources: input.scenarioId ? (world.script(input.scenarioId).leftovers ?? []) : [],
  })),
  forceDeleteResources: handler('forceDeleteResources', (input) => {
    const scenarioId = input.resources[0]?.scenarioId;
    const script = scenarioId ? world.script(scenarioId) : undefined;
    if (script?.deletingFor) {
      script.deletingFor -= 1;
      return { deleted: [], alreadyGone: [], failed: [], inProgress: input.resources.map((r) => r.id) };
    }
    return { deleted: input.resources.map((r) => r.id), alreadyGone: [], failed: [] };
  }),
  deletePrincipal: handler('deletePrincipal', () => ({
    roleAssignmentsDeleted: 2,
    servicePrincipalDeleted: true,
    appRegistrationDeleted: true,
    deletedItemPurged: true,
    secretDeleted: true,
    secretPurged: true,
    verifiedGone: true,
    errors: [],
  })),
  writeReport: handler('writeReport', (input) => ({
    reportJsonPath: `/reports/${input.runId}/report.json`,
    reportHtmlPath: `/reports/${input.runId}/report.html`,
    cleanupVerified: true,
  })),
  janitorSweep: handler('janitorSweep', (input) => ({
    dryRun: input.dryRun,
    findings: [],
    removed: [],
    failed: [],
  })),
  collectHay: handler('collectHay', (input) => ({
    file: `hay-${input.scenarioId}.json`,
    events: 0,
    coverage: { expected: [], observed: [], missing: [], unexpected: [] },
    entraAudit: { collected: false, reason: 'fake world' },
  })),
};

// The audit trail the agent-events trigger writes, kept in memory; the world sees every agent event stored.
const memoryAudit = createMemoryAuditStore();
const audit: typeof memoryAudit = {
  ...memoryAudit,
  recordEvent: async (event) => {
    if (event.source === 'agent') world.agentEvents.push(event);
    return memoryAudit.recordEvent(event);
  },
};
const reports = new Map<string, string>();

configureApp({
  loadSettings: async () => settings,
  createServices: async () => ({
    activities: handlers,
    audit,
    reports: {
      write: async (runId, fileName, content) => {
        reports.set(`${runId}/${fileName}`, content);
        return `/reports/${runId}/${fileName}`;
      },
      read: async (runId, fileName) => reports.get(`${runId}/${fileName}`),
    },
    scenarios: { list: async () => [] },
    // A job runs until its agent answers, unless the scenario's script crashed it (crashFirst).
    agentJobs: {
      status: async (name: string) => ({
        found: true as const,
        status: world.crashedExecutions.has(name) ? 'Failed' : 'Running',
      }),
    },
  }),
  now: () => new Date(world.now()),
});
