// One scenario, start to finish: principal → roles → propagation timer → deploy → operations window → cleanup →
// verify cleanup → delete principal. It never throws: every failure becomes part of the ScenarioOutcome, and the
// verify and principal-deletion steps always run. Timers and events only, so history does not grow with the window.
import type { OrchestrationContext, Task } from 'durable-functions';
import type { PrincipalRef, ScenarioContext } from '../contract/activities';
import type { OrchestratorEventType } from '../contract/events';
import { runEntitySignal, type RunOperation } from '../contract/entities';
import { attempt } from './attempt';
import { runAgentPhase, type AgentPhaseResult } from './agent-phase';
import { burstOffsetsMs } from './burst-schedule';
import { callActivity } from './call-activity';
import { errorMessage, finishOutcome, newOutcome, recordStep, type OutcomeDraft } from './outcome';
import { orchestrationLog } from './orchestration-log';
import { signalEntity } from './signal-entity';
import type {
  ScenarioCustomStatus,
  ScenarioOrchestrationInput,
  ScenarioOutcome,
  ScenarioStep,
} from '../contract/orchestrations';

/** What instances started before the grant model asked for (kept so they replay; assignRoles refuses it). */
export const LEGACY_SCENARIO_ROLES = ['Contributor', 'User Access Administrator'] as const;
/** Time kept free before ExpiresAt for cleanup, verification and principal deletion. */
const VERIFY_RESERVE_MINUTES = 30;

type Signal = Extract<RunOperation, { type: 'scenarioStatus' | 'scenarioFinished' | 'error' }>;

export function* scenarioOrchestration(context: OrchestrationContext): Generator<Task, ScenarioOutcome, any> {
  const input = context.df.getInput() as ScenarioOrchestrationInput;
  const settings = input.settings;
  const now = () => context.df.currentUtcDateTime.toISOString();
  const log = orchestrationLog(context);
  const signal = (op: Signal) => signalEntity(context, runEntitySignal(input.runId, op));
  const setStatus = (status: ScenarioCustomStatus) => context.df.setCustomStatus(status);
  // Audit events are best effort: a storage hiccup must not change what happens to the tenant.
  function* audit(type: OrchestratorEventType, data: Record<string, unknown>): Generator<Task, void, any> {
    yield* attempt(
      callActivity(context, 'recordAuditEvent', {
        runId: input.runId,
        scenarioId: input.scenarioId,
        type,
        timestamp: now(),
        data,
      }),
    );
  }

  const scenario: ScenarioContext = {
    runId: input.runId,
    scenarioId: input.scenarioId,
    createdAt: input.createdAt,
    expiresAt: input.expiresAt,
  };
  const draft: OutcomeDraft = newOutcome(
    input.runId,
    input.scenarioId,
    context.df.instanceId,
    now(),
    settings.operationBursts,
  );
  let principal: PrincipalRef | undefined;
  let roleAssignmentIds: string[] | undefined;

  const skip = (...steps: ScenarioStep[]) => {
    for (const step of steps) recordStep(draft, step, 'skipped', now(), now());
  };
  const recordPhase = (step: ScenarioStep, startedAt: string, result: AgentPhaseResult, burst?: number) =>
    recordStep(draft, step, result.status, startedAt, now(), {
      ...(burst !== undefined ? { burst } : {}),
      ...(result.status !== 'succeeded' ? { error: result.error } : {}),
    });

  log.info(`scenario ${input.scenarioId} of run ${input.runId} started`);
  try {
    // 0. The scenario's resource groups, created by the orchestrator before anything else (instances started before
    // the grant model carry no plan and skip this, so their histories replay unchanged).
    if (input.grants) {
      setStatus({ step: 'createResourceGroups' });
      const groupsStartedAt = now();
      const groups = yield* attempt(
        callActivity(context, 'createResourceGroups', {
          ...scenario,
          resourceGroups: input.grants.resourceGroups,
          location: settings.location,
        }),
      );
      if (!groups.ok) {
        recordStep(draft, 'createResourceGroups', 'failed', groupsStartedAt, now(), { error: groups.error });
        skip('provisionPrincipal', 'assignRoles', 'rolePropagation', 'deploy', 'operate', 'cleanup');
        return yield* finish();
      }
      recordStep(draft, 'createResourceGroups', 'succeeded', groupsStartedAt, now());
    }

    // 1. Principal.
    setStatus({ step: 'provisionPrincipal' });
    signal({ type: 'scenarioStatus', scenarioId: input.scenarioId, status: 'provisioning' });
    let startedAt = now();
    const provisioned = yield* attempt(callActivity(context, 'provisionPrincipal', scenario));
    if (!provisioned.ok) {
      recordStep(draft, 'provisionPrincipal', 'failed', startedAt, now(), { error: provisioned.error });
      skip('assignRoles', 'rolePropagation', 'deploy', 'operate', 'cleanup');
      return yield* finish();
    }
    principal = provisioned.value;
    draft.principal.created = true;
    recordStep(draft, 'provisionPrincipal', 'succeeded', startedAt, now());
    yield* audit('sp_created', {
      appId: principal.appId,
      displayName: principal.displayName,
      secretName: principal.secretName,
    });

    // 2. Roles, then 3. let them propagate.
    setStatus({ step: 'assignRoles' });
    signal({ type: 'scenarioStatus', scenarioId: input.scenarioId, status: 'assigningRoles' });
    startedAt = now();
    const roles = yield* attempt(
      callActivity(context, 'assignRoles', {
        ...scenario,
        servicePrincipalId: principal.servicePrincipalId,
        ...(input.grants ? { grants: input.grants } : { roles: [...LEGACY_SCENARIO_ROLES] }),
      }),
    );
    if (!roles.ok) {
      recordStep(draft, 'assignRoles', 'failed', startedAt, now(), { error: roles.error });
      skip('rolePropagation', 'deploy', 'operate', 'cleanup');
      return yield* finish();
    }
    roleAssignmentIds = roles.value.roleAssignmentIds;
    recordStep(draft, 'assignRoles', 'succeeded', startedAt, now());

    setStatus({ step: 'rolePropagation' });
    signal({ type: 'scenarioStatus', scenarioId: input.scenarioId, status: 'waitingForRoles' });
    startedAt = now();
    yield context.df.createTimer(
      new Date(context.df.currentUtcDateTime.getTime() + settings.rolePropagationSeconds * 1000),
    );
    recordStep(draft, 'rolePropagation', 'succeeded', startedAt, now());

    const agentRef = { appId: principal.appId, secretName: principal.secretName };
    // One agent job (a phase or a burst), its completion event raced against its deadline.
    const agentJob = (phase: 'deploy' | 'operate' | 'cleanup', deadlineMinutes: number, burst?: number) => {
      const where = { step: phase, phase, ...(burst !== undefined ? { burst } : {}) } as const;
      return runAgentPhase(context, {
        scenario,
        principal: agentRef,
        phase,
        ...(burst !== undefined ? { burst } : {}),
        deadlineMinutes,
        onWaiting: (eventName: string) => setStatus({ ...where, waitingFor: eventName }),
        onSettled: () => setStatus(where),
      });
    };

    // 4. Deploy.
    signal({ type: 'scenarioStatus', scenarioId: input.scenarioId, status: 'deploying' });
    startedAt = now();
    const deploy = yield* agentJob('deploy', settings.phaseDeadlineMinutes);
    recordPhase('deploy', startedAt, deploy);
    if (deploy.executionName !== undefined)
      yield* audit('container_deployed', { executionName: deploy.executionName, status: deploy.status });
    if (deploy.status === 'timedOut') {
      skip('operate', 'cleanup');
      return yield* finish();
    }

    // 5. Operations window: only after a successful deploy (there is nothing to operate otherwise).
    let goStraightToVerify = false;
    if (deploy.status === 'succeeded') {
      signal({ type: 'scenarioStatus', scenarioId: input.scenarioId, status: 'operating' });
      const windowStart = context.df.currentUtcDateTime.getTime();
      const offsets = burstOffsetsMs({
        windowMinutes: settings.operationsWindowMinutes,
        bursts: settings.operationBursts,
        burstDeadlineMinutes: settings.burstDeadlineMinutes,
        seed: `${input.seed}:${input.scenarioId}`,
      });
      // Only a burst that would start in the run's last minutes is dropped: after ExpiresAt the janitor may remove
      // what the scenario uses. (Deadlines are not subtracted: local mode sets them far above the expiry on purpose.)
      const latestBurstStart = new Date(input.expiresAt).getTime() - VERIFY_RESERVE_MINUTES * 60_000;
      for (let burst = 0; burst < offsets.length; burst++) {
        const fireAt = Math.max(windowStart + offsets[burst]!, context.df.currentUtcDateTime.getTime());
        if (fireAt > latestBurstStart) {
          recordStep(draft, 'operate', 'skipped', now(), now(), {
            burst,
            error: 'no time left before the run expires',
          });
          continue;
        }
        setStatus({ step: 'operate', phase: 'operate', burst });
        if (fireAt > context.df.currentUtcDateTime.getTime()) yield context.df.createTimer(new Date(fireAt));
        startedAt = now();
        const result = yield* agentJob('operate', settings.burstDeadlineMinutes, burst);
        recordPhase('operate', startedAt, result, burst);
        if (result.status === 'timedOut') {
          for (let rest = burst + 1; rest < offsets.length; rest++)
            recordStep(draft, 'operate', 'skipped', now(), now(), { burst: rest });
          goStraightToVerify = true;
          break;
        }
      }
      if (offsets.length === 0) recordStep(draft, 'operate', 'succeeded', now(), now());
    } else {
      skip('operate');
    }

    // 6. Cleanup by the agent (also after a failed deploy: it removes what the deploy got to).
    if (goStraightToVerify) {
      skip('cleanup');
    } else {
      signal({ type: 'scenarioStatus', scenarioId: input.scenarioId, status: 'cleaningUp' });
      startedAt = now();
      const cleanup = yield* agentJob('cleanup', settings.phaseDeadlineMinutes);
      recordPhase('cleanup', startedAt, cleanup);
    }
    return yield* finish();
  } catch (error) {
    // Only a bug lands here (every task failure is caught above); still verify and delete the principal.
    draft.errors.push(`scenario orchestration error: ${errorMessage(error)}`);
    return yield* finish();
  }

  // 7. Verify cleanup, 8. delete the principal, 9. record the outcome. Runs on every path.
  function* finish(): Generator<Task, ScenarioOutcome, any> {
    setStatus({ step: 'verifyCleanup' });
    signal({ type: 'scenarioStatus', scenarioId: input.scenarioId, status: 'verifying' });
    let startedAt = now();
    const found = yield* attempt(
      callActivity(context, 'findTaggedResources', { runId: input.runId, scenarioId: input.scenarioId }),
    );
    if (!found.ok) {
      recordStep(draft, 'verifyCleanup', 'failed', startedAt, now(), {
        error: `could not list leftovers: ${found.error}`,
      });
    } else {
      const leftovers = found.value.resources;
      draft.leftoversFound = leftovers.length;
      if (leftovers.length === 0) {
        draft.cleanupVerified = true;
        recordStep(draft, 'verifyCleanup', 'succeeded', startedAt, now());
      } else {
        const deleted = yield* attempt(
          callActivity(context, 'forceDeleteResources', { runId: input.runId, resources: leftovers }),
        );
        if (!deleted.ok) {
          draft.forceDeleteFailed = leftovers.map((r) => r.id);
          recordStep(draft, 'verifyCleanup', 'failed', startedAt, now(), {
            error: `could not force-delete ${leftovers.length} leftovers: ${deleted.error}`,
          });
        } else {
          draft.forceDeleted = deleted.value.deleted.length;
          draft.forceDeleteFailed = deleted.value.failed.map((f) => f.id);
          draft.cleanupVerified = deleted.value.failed.length === 0;
          recordStep(
            draft,
            'verifyCleanup',
            draft.cleanupVerified ? 'succeeded' : 'failed',
            startedAt,
            now(),
            draft.cleanupVerified
              ? {}
              : { error: deleted.value.failed.map((f) => `${f.id}: ${f.error}`).join('; ') },
          );
        }
      }
    }

    yield* audit('cleanup_verified', {
      leftoversFound: draft.leftoversFound,
      forceDeleted: draft.forceDeleted,
      cleanupVerified: draft.cleanupVerified,
    });

    setStatus({ step: 'deletePrincipal' });
    signal({ type: 'scenarioStatus', scenarioId: input.scenarioId, status: 'deletingPrincipal' });
    startedAt = now();
    // Runs even when provisioning failed: the activity finds a half-made principal by its deterministic name.
    const removed = yield* attempt(
      callActivity(context, 'deletePrincipal', {
        ...scenario,
        ...(principal ? { principal } : {}),
        ...(roleAssignmentIds ? { roleAssignmentIds } : {}),
      }),
    );
    if (!removed.ok) {
      recordStep(draft, 'deletePrincipal', 'failed', startedAt, now(), { error: removed.error });
    } else {
      draft.principal.deleted = removed.value.servicePrincipalDeleted && removed.value.appRegistrationDeleted;
      draft.principal.verifiedGone = removed.value.verifiedGone;
      const ok = removed.value.verifiedGone && removed.value.errors.length === 0;
      recordStep(
        draft,
        'deletePrincipal',
        ok ? 'succeeded' : 'failed',
        startedAt,
        now(),
        ok ? {} : { error: removed.value.errors.join('; ') || 'principal not verified gone' },
      );
    }

    yield* audit('sp_deleted', { verifiedGone: draft.principal.verifiedGone });

    const outcome = finishOutcome(draft, now());
    (outcome.status === 'succeeded' ? log.info : log.warn)(
      `scenario ${outcome.status}: cleanup ${outcome.cleanupVerified ? 'verified' : 'NOT verified'}, principal ${outcome.principal.verifiedGone ? 'gone' : 'NOT verified gone'}` +
        (outcome.errors.length > 0 ? `; ${outcome.errors.join('; ')}` : ''),
    );
    setStatus({ step: 'done' });
    signal({
      type: 'scenarioFinished',
      scenarioId: input.scenarioId,
      status: outcome.status,
      forceDeleted: outcome.forceDeleted,
      errors: outcome.errors,
    });
    return outcome;
  }
}
