// The steps that run on every path, whatever happened before: verify that nothing tagged for the scenario is left
// (force-deleting what is), delete the principal, and report the outcome to the run entity.
import { signalLine } from '../../core/signals';
import type { Task } from 'durable-functions';
import type { ScenarioOutcome } from '../../contract/orchestrations';
import { attempt } from '../attempt';
import { callActivity } from '../call-activity';
import { forceDeleteUntilDone } from '../force-delete-until-done';
import { finishOutcome, recordStep } from '../outcome';
import { audit, enterStep, now, setStatus, signal, type ScenarioRun } from './scenario-run';

/** 7. Finds what the scenario left and force-deletes it. */
export function* verifyCleanup(run: ScenarioRun): Generator<Task, void, any> {
  const { input, draft } = run;
  enterStep(run, { step: 'verifyCleanup' }, 'verifying');
  const startedAt = now(run);
  const found = yield* attempt(
    callActivity(run.context, 'findTaggedResources', { runId: input.runId, scenarioId: input.scenarioId }),
  );
  if (!found.ok) {
    recordStep(draft, 'verifyCleanup', 'failed', startedAt, now(run), {
      error: `could not list leftovers: ${found.error}`,
    });
  } else if (found.value.resources.length === 0) {
    draft.cleanupVerified = true;
    recordStep(draft, 'verifyCleanup', 'succeeded', startedAt, now(run));
  } else {
    const leftovers = found.value.resources;
    draft.leftoversFound = leftovers.length;
    run.log.warn(`${leftovers.length} leftover(s) after the agent's cleanup; force-deleting them`);
    const deleted = yield* attempt(forceDeleteUntilDone(run.context, input.runId, leftovers));
    if (!deleted.ok) {
      draft.forceDeleteFailed = leftovers.map((r) => r.id);
      recordStep(draft, 'verifyCleanup', 'failed', startedAt, now(run), {
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
        now(run),
        draft.cleanupVerified
          ? {}
          : { error: deleted.value.failed.map((f) => `${f.id}: ${f.error}`).join('; ') },
      );
    }
  }
  yield* audit(run, 'cleanup_verified', {
    leftoversFound: draft.leftoversFound,
    forceDeleted: draft.forceDeleted,
    cleanupVerified: draft.cleanupVerified,
  });
}

/** 8. Deletes the principal, its roles and its secret, and checks they are gone. */
export function* deletePrincipal(run: ScenarioRun): Generator<Task, void, any> {
  const { draft } = run;
  enterStep(run, { step: 'deletePrincipal' }, 'deletingPrincipal');
  const startedAt = now(run);
  // Runs even when provisioning failed: the activity finds a half-made principal by its deterministic name.
  const removed = yield* attempt(
    callActivity(run.context, 'deletePrincipal', {
      ...run.scenario,
      ...(run.principal ? { principal: run.principal } : {}),
      ...(run.roleAssignmentIds ? { roleAssignmentIds: run.roleAssignmentIds } : {}),
    }),
  );
  if (!removed.ok) {
    recordStep(draft, 'deletePrincipal', 'failed', startedAt, now(run), { error: removed.error });
  } else {
    draft.principal.deleted = removed.value.servicePrincipalDeleted && removed.value.appRegistrationDeleted;
    draft.principal.verifiedGone = removed.value.verifiedGone;
    const ok = removed.value.verifiedGone && removed.value.errors.length === 0;
    recordStep(
      draft,
      'deletePrincipal',
      ok ? 'succeeded' : 'failed',
      startedAt,
      now(run),
      ok ? {} : { error: removed.value.errors.join('; ') || 'principal not verified gone' },
    );
  }
  yield* audit(run, 'sp_deleted', { verifiedGone: draft.principal.verifiedGone });
}

/** 9. The outcome, to the caller (the run orchestration) and to the run entity. */
export function reportOutcome(run: ScenarioRun): ScenarioOutcome {
  const outcome = finishOutcome(run.draft, now(run));
  (outcome.status === 'succeeded' ? run.log.info : run.log.warn)(
    `scenario ${outcome.status}: cleanup ${outcome.cleanupVerified ? 'verified' : 'NOT verified'}, principal ${outcome.principal.verifiedGone ? 'gone' : 'NOT verified gone'}` +
      (outcome.errors.length > 0 ? `; ${outcome.errors.join('; ')}` : ''),
  );
  if (!outcome.cleanupVerified)
    run.log.warn(
      signalLine({ signal: 'cleanup_unverified', runId: run.input.runId, scenarioId: run.input.scenarioId }),
    );
  setStatus(run, { step: 'done' });
  signal(run, {
    type: 'scenarioFinished',
    scenarioId: run.input.scenarioId,
    status: outcome.status,
    forceDeleted: outcome.forceDeleted,
    errors: outcome.errors,
  });
  return outcome;
}
