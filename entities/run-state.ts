// The run entity's reducer: one entity per run (key = run id), the API's view of a run in flight. Its state and
// operations are declared in contract/entities.ts; the handler in run-entity.ts only dispatches.
import {
  TERMINAL_RUN_PHASES,
  type RunEntityState,
  type RunOperation,
  type ScenarioLedger,
  type ScenarioRunStatus,
} from '../contract/entities';

const TERMINAL_SCENARIO_STATUSES: ReadonlySet<ScenarioRunStatus> = new Set(['succeeded', 'failed']);
const MAX_ERRORS = 50;

export function initialRunState(runId = ''): RunEntityState {
  return { runId, phase: 'pending', scenarios: {}, errors: [] };
}

const emptyLedger = (): ScenarioLedger => ({
  status: 'pending',
  created: [],
  deleted: [],
  deletionFailed: [],
  forceDeleted: 0,
  errors: [],
});
const addUnique = (list: string[], value: string): string[] =>
  list.includes(value) ? list : [...list, value];
const appendError = (list: string[], message: string): string[] => [...list, message].slice(-MAX_ERRORS);

/** Applies one operation. Terminal runs and finished scenarios ignore later operations: a late event changes nothing. */
export function applyRunOperation(state: RunEntityState, op: RunOperation): RunEntityState {
  const terminal = TERMINAL_RUN_PHASES.has(state.phase);
  switch (op.type) {
    case 'started':
      if (state.phase !== 'pending') return state;
      return {
        ...state,
        runId: op.runId,
        phase: 'validating',
        startedAt: op.startedAt,
        seed: op.seed,
        ...(op.trigger ? { trigger: op.trigger } : {}),
        ...(op.size ? { size: op.size } : {}),
      };
    case 'phaseChanged':
      return terminal ? state : { ...state, phase: op.phase };
    case 'scenariosSelected': {
      if (terminal) return state;
      const scenarios = { ...state.scenarios };
      for (const id of op.scenarioIds) scenarios[id] ??= emptyLedger();
      return { ...state, phase: 'running', scenarios, expiresAt: op.expiresAt };
    }
    case 'scenarioStatus':
      return updateScenario(state, op.scenarioId, (s) =>
        TERMINAL_SCENARIO_STATUSES.has(s.status) ? s : { ...s, status: op.status },
      );
    case 'scenarioFinished':
      return updateScenario(state, op.scenarioId, (s) =>
        TERMINAL_SCENARIO_STATUSES.has(s.status)
          ? s
          : {
              ...s,
              status: op.status,
              forceDeleted: op.forceDeleted,
              errors: op.errors.reduce(appendError, s.errors),
            },
      );
    case 'resourceEvent': {
      const id = op.resourceId.toLowerCase();
      return updateScenario(state, op.scenarioId, (s) => {
        if (op.kind === 'created') return { ...s, created: addUnique(s.created, id) };
        if (op.kind === 'deleted')
          return {
            ...s,
            deleted: addUnique(s.deleted, id),
            deletionFailed: s.deletionFailed.filter((r) => r !== id),
          };
        return s.deleted.includes(id) ? s : { ...s, deletionFailed: addUnique(s.deletionFailed, id) };
      });
    }
    case 'sweepCompleted':
      return terminal
        ? state
        : { ...state, sweep: { found: op.found, deleted: op.deleted, failed: op.failed } };
    case 'finished':
      if (terminal) return state;
      return {
        ...state,
        phase: op.status,
        endedAt: op.endedAt,
        cleanupVerified: op.cleanupVerified,
        ...(op.report ? { report: op.report } : {}),
      };
    case 'terminated':
      if (terminal) return state;
      return {
        ...state,
        phase: 'terminated',
        endedAt: op.endedAt,
        errors: op.reason ? appendError(state.errors, op.reason) : state.errors,
      };
    case 'error':
      if (terminal) return state;
      if (op.scenarioId !== undefined)
        return updateScenario(state, op.scenarioId, (s) => ({
          ...s,
          errors: appendError(s.errors, op.message),
        }));
      return { ...state, errors: appendError(state.errors, op.message) };
  }
}

function updateScenario(
  state: RunEntityState,
  scenarioId: string,
  update: (s: ScenarioLedger) => ScenarioLedger,
): RunEntityState {
  if (TERMINAL_RUN_PHASES.has(state.phase)) return state;
  const current = state.scenarios[scenarioId] ?? emptyLedger();
  const next = update(current);
  return next === current ? state : { ...state, scenarios: { ...state.scenarios, [scenarioId]: next } };
}

/** Counts the API and the report read, derived rather than stored so they never disagree with the ledger. */
export function summarizeRun(state: RunEntityState) {
  const scenarios = Object.values(state.scenarios);
  const count = (status: ScenarioRunStatus) => scenarios.filter((s) => s.status === status).length;
  return {
    total: scenarios.length,
    succeeded: count('succeeded'),
    failed: count('failed'),
    pending: count('pending'),
    running: scenarios.length - count('succeeded') - count('failed') - count('pending'),
    resourcesCreated: scenarios.reduce((n, s) => n + s.created.length, 0),
    resourcesDeleted: scenarios.reduce((n, s) => n + s.deleted.length, 0),
    resourcesDeletionFailed: scenarios.reduce((n, s) => n + s.deletionFailed.length, 0),
    forceDeleted: scenarios.reduce((n, s) => n + s.forceDeleted, 0),
  };
}
