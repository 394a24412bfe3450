// Runs one phase of one scenario: policy, bash, events, and repair when a step fails.
import type Anthropic from '@anthropic-ai/sdk';
import type { Phase } from '../../core/events';
import { checkScript, loadBashParser, type PolicyContext, type PolicyVerdict } from '../../core/policy';
import type { Scrubber } from '../../core/scrub';
import type { Step } from '../../core/scenario';
import { detectResources } from '../events/resource-detection';
import type { EventPublisher } from '../events/event-publisher';
import type { Log } from '../log';
import { repairStep, type CommandRun } from '../repair/repair-step';
import type { RecentStep } from '../repair/repair-prompt';
import { emptyUsage, type TokenBudget, type TokenUsage } from '../repair/token-budget';
import { runBash } from '../shell/run-bash';
import { stepScript } from '../shell/step-environment';
import { stepEffects, type StepEffects } from './step-commands';
import { errorText } from '../../core/error-text';

export interface RepairSettings {
  client: Anthropic;
  model: string;
  maxAttempts: number;
  budget: TokenBudget;
}

export interface RunPhaseOptions {
  scenarioId: string;
  /** The whole scenario document, sent (cached) to the repair model as context. */
  scenarioText: string;
  phase: Phase;
  steps: Step[];
  /** `export NAME=…` lines of the front-matter variables, run before every step. */
  prelude: string;
  /** Process environment of every step (run variables included, agent credentials withheld). */
  stepEnv: NodeJS.ProcessEnv;
  /** Who steps run as and where (see shell/step-isolation.ts); absent: the agent's user and cwd. */
  isolation?: { runAs?: { uid: number; gid: number }; workDir: string; mode: string; reason?: string };
  /** Policy context; `env` holds the values every step's shell starts with. */
  policy: PolicyContext;
  stepTimeoutInMs: number;
  outputLimitInBytes: number;
  events: EventPublisher;
  scrub: () => Scrubber;
  log: Log;
  /** Absent: repair disabled (no API key). */
  repair?: RepairSettings;
  /** Runs after phase_started (e.g. `az login`); a throw fails the phase. */
  prepare?: () => Promise<void>;
  /**
   * TESTS ONLY: run every step without the command policy, so the blast-radius test can show that Azure's
   * authorization alone contains a compromised agent. Only code can set it (runAgent's dependencies, never the job
   * environment, a scenario or the model); the phase says so in phase_started and the log.
   */
  commandPolicy?: CommandPolicyMode;
}

export type CommandPolicyMode = 'enforced' | 'off-for-blast-radius-test';

export interface StepReport {
  title: string;
  exitCode: number | null;
  durationInMs: number;
  repaired: boolean;
  refused: boolean;
}

export interface PhaseResult {
  succeeded: boolean;
  error?: string;
  steps: StepReport[];
  tokens: TokenUsage;
  repairCalls: number;
  durationInMs: number;
}

const EVENT_OUTPUT_CHARS = 2000;

export async function runPhase(o: RunPhaseOptions): Promise<PhaseResult> {
  const started = Date.now();
  const reports: StepReport[] = [];
  const recent: RecentStep[] = [];
  const reported = new Set<string>();
  const errors: string[] = [];
  const policyOff = o.commandPolicy === 'off-for-blast-radius-test';
  if (policyOff) o.log('COMMAND POLICY OFF (blast-radius test): steps run unjudged', { level: 'warning' });
  o.events.emit('phase_started', {
    steps: o.steps.length,
    repairEnabled: o.repair !== undefined,
    stepIsolation: o.isolation?.mode ?? 'same-user',
    ...(policyOff ? { commandPolicy: 'off-for-blast-radius-test' } : {}),
    ...(o.isolation?.reason ? { stepIsolationOff: o.isolation.reason } : {}),
  });
  await loadBashParser();

  const run = (code: string): Promise<CommandRun & { durationInMs: number }> =>
    runBash({
      script: stepScript(o.prelude, code),
      env: o.stepEnv,
      timeoutInMs: o.stepTimeoutInMs,
      outputLimitInBytes: o.outputLimitInBytes,
      scrub: o.scrub(),
      ...(o.isolation
        ? { cwd: o.isolation.workDir, ...(o.isolation.runAs ? { runAs: o.isolation.runAs } : {}) }
        : {}),
    }).then((r) => ({
      exitCode: r.exitCode,
      timedOut: r.timedOut,
      output: o.scrub()(r.output),
      durationInMs: r.durationInMs,
    }));

  const refused = (step: Step, verdict: PolicyVerdict, source: 'scenario' | 'repair'): void => {
    o.log('command refused by policy', {
      step: step.title,
      rule: verdict.rule,
      reason: verdict.reason,
      source,
    });
    o.events.emit('command_refused', {
      step: step.title,
      command: verdict.command,
      rule: verdict.rule,
      reason: verdict.reason,
      source,
    });
  };

  const recordSuccess = (step: Step, outputs: string[], effects: StepEffects, durationInMs: number): void => {
    for (const output of outputs) {
      if (effects.creates) {
        for (const resource of detectResources(output)) {
          const key = resource.resourceId.toLowerCase();
          if (reported.has(key)) continue;
          reported.add(key);
          o.events.emit('resource_created', { ...resource, step: step.title });
        }
      }
    }
    for (const resourceId of effects.deletes)
      o.events.emit('resource_deleted', { resourceId, step: step.title });
    if (o.phase === 'operate') o.events.emit('operation_performed', { step: step.title, durationInMs });
  };

  let failed = false;
  try {
    await o.prepare?.();
  } catch (error) {
    failed = true;
    errors.push(errorText(error));
  }

  for (const step of failed ? [] : o.steps) {
    const verdict = checkScript(step.code, o.policy);
    if (!verdict.allowed && !policyOff) {
      for (const v of verdict.verdicts.filter((x) => !x.allowed)) refused(step, v, 'scenario');
      reports.push({ title: step.title, exitCode: null, durationInMs: 0, repaired: false, refused: true });
      errors.push(
        `step "${step.title}" was refused by the command policy (${verdict.verdicts.find((x) => !x.allowed)?.rule})`,
      );
      failed = true;
      if (o.phase === 'cleanup') continue;
      break;
    }
    const code = policyOff ? step.code : (verdict.rewritten ?? step.code);
    const effects = stepEffects(verdict.azCalls, o.policy.subscriptionId);
    o.log('step started', { step: step.title, tagsInjected: verdict.rewritten !== undefined });
    const result = await run(code);
    o.log('step finished', {
      step: step.title,
      exitCode: result.exitCode,
      timedOut: result.timedOut,
      durationInMs: result.durationInMs,
      output: result.output,
    });
    if (result.exitCode === 0 && !result.timedOut) {
      recordSuccess(step, [result.output], effects, result.durationInMs);
      reports.push({
        title: step.title,
        exitCode: 0,
        durationInMs: result.durationInMs,
        repaired: false,
        refused: false,
      });
      recent.push({ title: step.title, code, exitCode: 0 });
      continue;
    }
    o.events.emit('error_encountered', {
      step: step.title,
      exitCode: result.exitCode,
      timedOut: result.timedOut,
      output: result.output.slice(-EVENT_OUTPUT_CHARS),
    });
    let resolved = false;
    let why = o.repair ? '' : 'repair is disabled';
    if (o.repair) {
      const outputs: string[] = [];
      const repairStarted = Date.now();
      const outcome = await repairStep(
        {
          client: o.repair.client,
          model: o.repair.model,
          scenarioText: o.scenarioText,
          phase: o.phase,
          maxAttempts: o.repair.maxAttempts,
          budget: o.repair.budget,
        },
        {
          title: step.title,
          intent: step.intent,
          code,
          output: result.output,
          exitCode: result.exitCode,
          timedOut: result.timedOut,
        },
        recent,
        {
          check: (command) => {
            const v = checkScript(command, o.policy);
            const first = v.verdicts.find((x) => !x.allowed);
            return first
              ? { ...first, command }
              : {
                  command,
                  allowed: true,
                  rule: v.rewritten ? 'tags.injected' : 'ok',
                  ...(v.rewritten ? { rewritten: v.rewritten } : {}),
                };
          },
          run: async (command) => {
            const r = await run(command);
            outputs.push(r.output);
            return r;
          },
          onRefused: (v) => refused(step, v, 'repair'),
          log: (m) => o.log(m, { step: step.title }),
        },
      );
      if (outcome.resolved) {
        resolved = true;
        o.events.emit('error_resolved', {
          step: step.title,
          attempts: outcome.attempts,
          command: outcome.command,
          summary: outcome.summary,
        });
        recordSuccess(
          step,
          outputs,
          stepEffects(checkScript(outcome.command, o.policy).azCalls, o.policy.subscriptionId),
          result.durationInMs + Date.now() - repairStarted,
        );
      } else {
        why = `${outcome.reason}: ${outcome.summary}`;
      }
    }
    reports.push({
      title: step.title,
      exitCode: result.exitCode,
      durationInMs: result.durationInMs,
      repaired: resolved,
      refused: false,
    });
    recent.push({ title: step.title, code, exitCode: resolved ? 0 : result.exitCode });
    if (resolved) continue;
    for (const resourceId of effects.deletes)
      o.events.emit('resource_deletion_failed', { resourceId, step: step.title, reason: why });
    errors.push(
      `step "${step.title}" failed (${result.timedOut ? 'timed out' : `exit ${result.exitCode}`}; ${why})`,
    );
    failed = true;
    // Cleanup keeps going so one stuck delete does not leave everything else behind.
    if (o.phase !== 'cleanup') break;
  }

  const tokens = o.repair ? { ...o.repair.budget.usage } : emptyUsage();
  const repairCalls = o.repair?.budget.calls ?? 0;
  const durationInMs = Date.now() - started;
  const summary = { steps: reports.length, durationInMs, tokens, repairCalls };
  if (failed) {
    const error = errors.join('; ');
    o.events.emit('phase_failed', { ...summary, error });
    return { succeeded: false, error, steps: reports, tokens, repairCalls, durationInMs };
  }
  o.events.emit('phase_completed', summary);
  return { succeeded: true, steps: reports, tokens, repairCalls, durationInMs };
}
