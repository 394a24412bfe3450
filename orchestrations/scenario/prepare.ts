// The steps before the agent runs: its own resource groups, a principal of its own, its roles at those groups, and
// the wait for them to propagate.
import type { Task } from 'durable-functions';
import { attempt } from '../attempt';
import { callActivity } from '../call-activity';
import { recordStep } from '../outcome';
import { audit, enterStep, now, type ScenarioRun } from './scenario-run';

/** What instances started before the grant model asked for (kept so they replay; assignRoles refuses it). */
export const LEGACY_SCENARIO_ROLES = ['Contributor', 'User Access Administrator'] as const;

/**
 * 0. The scenario's resource groups, created by the orchestrator before anything else. Instances started before the
 * grant model carry no plan and skip this, so their histories replay unchanged. False when they could not be made.
 */
export function* createResourceGroups(run: ScenarioRun): Generator<Task, boolean, any> {
  const grants = run.input.grants;
  if (!grants) return true;
  enterStep(run, { step: 'createResourceGroups' }, 'provisioning');
  const startedAt = now(run);
  const groups = yield* attempt(
    callActivity(run.context, 'createResourceGroups', {
      ...run.scenario,
      resourceGroups: grants.resourceGroups,
      location: grants.region ?? run.input.settings.location,
    }),
  );
  if (!groups.ok) {
    recordStep(run.draft, 'createResourceGroups', 'failed', startedAt, now(run), { error: groups.error });
    run.log.warn(`could not create the resource groups: ${groups.error}`);
    return false;
  }
  recordStep(run.draft, 'createResourceGroups', 'succeeded', startedAt, now(run));
  return true;
}

/** 1. A service principal for this scenario alone. False when it could not be made. */
export function* provisionPrincipal(run: ScenarioRun): Generator<Task, boolean, any> {
  enterStep(run, { step: 'provisionPrincipal' }, 'provisioning');
  const startedAt = now(run);
  const provisioned = yield* attempt(callActivity(run.context, 'provisionPrincipal', run.scenario));
  if (!provisioned.ok) {
    recordStep(run.draft, 'provisionPrincipal', 'failed', startedAt, now(run), { error: provisioned.error });
    run.log.warn(`could not provision the principal: ${provisioned.error}`);
    return false;
  }
  const principal = provisioned.value;
  run.principal = principal;
  run.draft.principal.created = true;
  recordStep(run.draft, 'provisionPrincipal', 'succeeded', startedAt, now(run));
  yield* audit(run, 'sp_created', {
    appId: principal.appId,
    displayName: principal.displayName,
    secretName: principal.secretName,
  });
  return true;
}

/** 2. The scenario's roles at its own resource groups only. False when they could not be assigned. */
export function* assignRoles(run: ScenarioRun): Generator<Task, boolean, any> {
  enterStep(run, { step: 'assignRoles' }, 'assigningRoles');
  const startedAt = now(run);
  const roles = yield* attempt(
    callActivity(run.context, 'assignRoles', {
      ...run.scenario,
      servicePrincipalId: run.principal!.servicePrincipalId,
      ...(run.input.grants ? { grants: run.input.grants } : { roles: [...LEGACY_SCENARIO_ROLES] }),
    }),
  );
  if (!roles.ok) {
    recordStep(run.draft, 'assignRoles', 'failed', startedAt, now(run), { error: roles.error });
    run.log.warn(`could not assign the roles: ${roles.error}`);
    return false;
  }
  run.roleAssignmentIds = roles.value.roleAssignmentIds;
  recordStep(run.draft, 'assignRoles', 'succeeded', startedAt, now(run));
  return true;
}

/** 3. A durable timer: role assignments take a while to reach every ARM front end. */
export function* waitForRolePropagation(run: ScenarioRun): Generator<Task, void, any> {
  enterStep(run, { step: 'rolePropagation' }, 'waitingForRoles');
  const startedAt = now(run);
  const df = run.context.df;
  yield df.createTimer(
    new Date(df.currentUtcDateTime.getTime() + run.input.settings.rolePropagationSeconds * 1000),
  );
  recordStep(run.draft, 'rolePropagation', 'succeeded', startedAt, now(run));
}
