// One run: validate → select → one sub-orchestration per scenario (Task.all) → final sweep by ExecutionId →
// report → entities updated. The run id is the instance id; the seed defaults to it, so a replay or rewind
// selects the same scenarios and the same burst times.
import { signalLine } from '../core/signals';
import type { OrchestrationContext, Task } from 'durable-functions';
import type { OrchestratorEventType } from '../contract/events';
import { scenarioInstanceId } from '../core/naming';
import type { RefusedScenario, RunSettings } from '../contract/activities';
import type { ScenarioReportInput } from '../contract/report';
import {
  runEntitySignal,
  statusEntitySignal,
  type RunOperation,
  type StatusOperation,
} from '../contract/entities';
import { attempt } from './attempt';
import { callActivity } from './call-activity';
import { orchestrationLog } from './orchestration-log';
import { forceDeleteUntilDone } from './force-delete-until-done';
import { errorMessage } from './outcome';
import { settleAll } from './settle-all';
import { signalEntity } from './signal-entity';
import { SCENARIO_ORCHESTRATION } from '../contract/orchestrations';
import type {
  RunCustomStatus,
  RunOrchestrationInput,
  RunOutcome,
  ScenarioOrchestrationInput,
  ScenarioOutcome,
} from '../contract/orchestrations';

export function* runOrchestration(context: OrchestrationContext): Generator<Task, RunOutcome, any> {
  const request = (context.df.getInput() ?? {}) as RunOrchestrationInput;
  const runId = context.df.instanceId;
  const seed = request.seed ?? runId;
  const now = () => context.df.currentUtcDateTime.toISOString();
  const log = orchestrationLog(context);
  const startedAt = now();
  const toRun = (op: RunOperation) => signalEntity(context, runEntitySignal(runId, op));
  const toStatus = (op: StatusOperation) => signalEntity(context, statusEntitySignal(op));
  const setPhase = (phase: RunCustomStatus['phase'], scenarios?: number) =>
    context.df.setCustomStatus({
      phase,
      ...(scenarios !== undefined ? { scenarios } : {}),
    } satisfies RunCustomStatus);
  function* audit(type: OrchestratorEventType, data: Record<string, unknown>): Generator<Task, void, any> {
    yield* attempt(callActivity(context, 'recordAuditEvent', { runId, type, timestamp: now(), data }));
  }

  const errors: string[] = [];
  /** Scenarios refused at selection (HayMaker cannot grant what they need), for the report. */
  let refused: RefusedScenario[] = [];
  // Set once the configuration is valid; the report shades it on the timeline.
  let officeHours: RunSettings['officeHours'] = undefined;
  const outcome: RunOutcome = {
    runId,
    status: 'failed',
    seed,
    startedAt,
    endedAt: startedAt,
    scenarioIds: [],
    scenarios: [],
    sweep: { found: 0, deleted: 0, failed: [] },
    cleanupVerified: false,
    errors,
  };

  toRun({
    type: 'started',
    runId,
    startedAt,
    seed,
    ...(request.trigger ? { trigger: request.trigger } : {}),
    ...(request.size ? { size: request.size } : {}),
  });
  toStatus({
    type: 'runStarted',
    runId,
    startedAt,
    ...(request.trigger ? { trigger: request.trigger } : {}),
  });
  setPhase('validating');
  log.info(`run started (trigger ${request.trigger ?? 'api'}, seed ${seed})`);
  yield* audit('execution_started', { trigger: request.trigger ?? 'api', size: request.size ?? null, seed });

  const validated = yield* attempt(callActivity(context, 'validateConfiguration', request));
  if (!validated.ok) {
    errors.push(`configuration is invalid: ${validated.error}`);
    log.warn(`configuration is invalid: ${validated.error}`);
    return yield* finish();
  }
  const settings: RunSettings = validated.value;
  officeHours = settings.officeHours;

  setPhase('selecting');
  toRun({ type: 'phaseChanged', phase: 'selecting' });
  const selected = yield* attempt(callActivity(context, 'selectScenarios', { runId, request, seed }));
  if (!selected.ok) {
    errors.push(`could not select scenarios: ${selected.error}`);
    log.warn(`could not select scenarios: ${selected.error}`);
    return yield* finish();
  }
  const scenarioIds = selected.value.scenarioIds;
  outcome.scenarioIds = scenarioIds;
  // Runs selected before the grant model have neither (their scenario orchestrations were started already).
  refused = selected.value.refused ?? [];
  const grants = selected.value.grants ?? {};
  if (scenarioIds.length === 0 && refused.length > 0)
    errors.push(`every requested scenario was refused: ${refused.map((r) => r.scenarioId).join(', ')}`);
  const expiresAt = new Date(
    context.df.currentUtcDateTime.getTime() + settings.runExpiryHours * 3_600_000,
  ).toISOString();
  toRun({ type: 'scenariosSelected', scenarioIds, expiresAt });
  setPhase('running', scenarioIds.length);
  log.info(`selected ${scenarioIds.length} scenario(s), expiring at ${expiresAt}: ${scenarioIds.join(', ')}`);
  yield* audit('scenario_selected', { scenarioIds, expiresAt });

  const tasks = scenarioIds.map((scenarioId) => {
    const input: ScenarioOrchestrationInput = {
      runId,
      scenarioId,
      seed,
      createdAt: startedAt,
      expiresAt,
      settings,
      collectHay: true,
      burstDriver: true,
      ...(grants[scenarioId] ? { grants: grants[scenarioId] } : {}),
    };
    return context.df.callSubOrchestrator(
      SCENARIO_ORCHESTRATION,
      input,
      scenarioInstanceId(runId, scenarioId),
    );
  });
  yield* settleAll(context, tasks);
  const broken = tasks.flatMap((task, i) =>
    task.isFaulted ? [`${scenarioInstanceId(runId, scenarioIds[i]!)}: ${errorMessage(task.result)}`] : [],
  );
  if (broken.length > 0) {
    // A scenario orchestration turns every activity failure into its outcome, so it fails only through a defect or a
    // platform fault. The run fails too, so that it stays rewindable: a rewind resumes the failed scenario where it
    // stopped and then runs the sweep and the report below. Nothing may be emitted before this throw, because the
    // rewound replay takes the path below and must meet the same actions in its history.
    log.error(`${broken.length} scenario orchestration(s) failed; the run fails so that it can be rewound`);
    throw new Error(
      `${broken.length} scenario orchestration(s) failed: ${broken.join('; ')}. Fix the cause and rewind the run ` +
        `(haymaker runs rewind ${runId}); otherwise the janitor removes what the run left once it is no longer running.`,
    );
  }
  outcome.scenarios = tasks.map((task) => task.result as ScenarioOutcome);

  return yield* finish();

  // Final sweep by ExecutionId, report, entities. Runs on every path, including a failed validation.
  function* finish(): Generator<Task, RunOutcome, any> {
    setPhase('sweeping');
    toRun({ type: 'phaseChanged', phase: 'sweeping' });
    const found = yield* attempt(callActivity(context, 'findTaggedResources', { runId }));
    let sweepOk = found.ok;
    if (!found.ok) {
      errors.push(`final sweep could not list resources tagged ExecutionId=${runId}: ${found.error}`);
    } else if (found.value.resources.length > 0) {
      outcome.sweep.found = found.value.resources.length;
      const deleted = yield* attempt(forceDeleteUntilDone(context, runId, found.value.resources));
      if (!deleted.ok) {
        sweepOk = false;
        outcome.sweep.failed = found.value.resources.map((r) => r.id);
        errors.push(
          `final sweep could not delete ${found.value.resources.length} resources: ${deleted.error}`,
        );
      } else {
        outcome.sweep.deleted = deleted.value.deleted.length;
        outcome.sweep.failed = deleted.value.failed.map((f) => f.id);
        sweepOk = deleted.value.failed.length === 0;
      }
    }
    toRun({
      type: 'sweepCompleted',
      found: outcome.sweep.found,
      deleted: outcome.sweep.deleted,
      failed: outcome.sweep.failed.length,
    });

    const principalsGone = outcome.scenarios.every((s) => s.principal.verifiedGone);
    // Scenario-level verification may have failed to list; the run-level sweep by ExecutionId is the final word on resources.
    outcome.cleanupVerified = sweepOk && principalsGone;
    // A run "completed" when it got as far as running its scenarios and cleaned up; scenario failures are in the report.
    outcome.status = outcome.scenarioIds.length > 0 && outcome.cleanupVerified ? 'completed' : 'failed';

    setPhase('reporting');
    toRun({ type: 'phaseChanged', phase: 'reporting' });
    outcome.endedAt = now();
    const report = yield* attempt(
      callActivity(context, 'writeReport', {
        runId,
        run: {
          ...(request.size ? { size: request.size } : {}),
          seed,
          startedAt,
          endedAt: outcome.endedAt,
          status: outcome.status,
          scenarios: outcome.scenarios.map(toReportInput),
          sweep: outcome.sweep,
          errors: [...errors],
          refused,
          ...(officeHours ? { officeHours } : {}),
        },
      }),
    );
    if (report.ok) {
      outcome.report = {
        reportJsonPath: report.value.reportJsonPath,
        reportHtmlPath: report.value.reportHtmlPath,
      };
      // The report re-checks the tenant; trust its verdict over ours when it found something left.
      if (!report.value.cleanupVerified && outcome.cleanupVerified) {
        outcome.cleanupVerified = false;
        outcome.status = 'failed';
        errors.push('the report found objects left behind after cleanup');
      }
    } else {
      errors.push(`could not write the report: ${report.error}`);
    }

    yield* audit('execution_completed', {
      status: outcome.status,
      cleanupVerified: outcome.cleanupVerified,
      scenarios: outcome.scenarios.length,
    });
    toRun({
      type: 'finished',
      status: outcome.status,
      endedAt: outcome.endedAt,
      cleanupVerified: outcome.cleanupVerified,
      ...(outcome.report
        ? { report: { jsonPath: outcome.report.reportJsonPath, htmlPath: outcome.report.reportHtmlPath } }
        : {}),
    });
    for (const message of errors) toRun({ type: 'error', message });
    toStatus({ type: 'runFinished', runId, endedAt: outcome.endedAt, status: outcome.status });
    setPhase(outcome.status);
    log.info(
      `run ${outcome.status}: ${outcome.scenarios.length} scenario(s), cleanup ${outcome.cleanupVerified ? 'verified' : 'NOT verified'}` +
        (errors.length > 0 ? `; ${errors.length} error(s): ${errors.join('; ')}` : ''),
    );
    if (outcome.status === 'failed')
      log.error(signalLine({ signal: 'run_failed', runId, detail: errors.length }));
    return outcome;
  }
}

function toReportInput(s: ScenarioOutcome): ScenarioReportInput {
  return {
    scenarioId: s.scenarioId,
    status: s.status,
    phases: s.steps,
    leftoversFound: s.leftoversFound,
    forceDeleted: s.forceDeleted,
    cleanupVerified: s.cleanupVerified,
    principalVerifiedGone: s.principal.verifiedGone,
    errors: s.errors,
    ...(s.hay ? { hay: s.hay } : {}),
    ...(s.region ? { region: s.region } : {}),
  };
}
