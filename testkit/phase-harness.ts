// Builds runPhase options around real bash, the tests' az double on PATH and an in-memory sink.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Anthropic from '@anthropic-ai/sdk';
import type { Phase } from '../core/events';
import { runShort } from '../core/naming';
import { createScrubber } from '../core/scrub';
import type { Step } from '../core/scenario';
import { haymakerTags } from '../core/tags';
import { EventPublisher } from '../agent-runtime/events/event-publisher';
import { runPhase, type PhaseResult, type RunPhaseOptions } from '../agent-runtime/phase/run-phase';
import { TokenBudget } from '../agent-runtime/repair/token-budget';
import { runVariables, stepProcessEnv, variablesPrelude } from '../agent-runtime/shell/step-environment';
import { MemorySink } from './memory-sink';

export const RUN_ID = 'c0ffee42-7d1e-4b6a-9f00-123456789abc';
export const SUBSCRIPTION = '6d9a1f3e-0000-4000-8000-00000000a001';
export const SCENARIO = 'compute-00-example-template';
export const SP_SECRET = 'sp-secret-value-Zx81Q~notreal';

/** The az double's folder, from the sources (jest) or from dist/ (bench). */
export const fixturesBin =
  [join(__dirname, 'bin'), join(__dirname, '..', '..', 'testkit', 'bin')].find((d) =>
    existsSync(join(d, 'az')),
  ) ?? join(__dirname, 'bin');

export const step = (title: string, code: string, intent = `Intent of ${title}.`): Step => ({
  title,
  intent,
  code,
  line: 1,
  headingLine: 1,
  blocks: [{ code, line: 1 }],
});

export interface Harness {
  sink: MemorySink;
  azCalls(): string[];
  run(
    phase: Phase,
    steps: Step[],
    extra?: {
      anthropic?: Anthropic;
      budget?: number;
      maxAttempts?: number;
      burst?: number;
      scenarioText?: string;
      isolation?: RunPhaseOptions['isolation'];
      commandPolicy?: RunPhaseOptions['commandPolicy'];
    },
  ): Promise<PhaseResult>;
  logs: string[];
  cleanup(): void;
}

export function createHarness(): Harness {
  const dir = mkdtempSync(join(tmpdir(), 'haymaker-agent-test-'));
  const callLog = join(dir, 'az-calls.log');
  const sink = new MemorySink();
  const logs: string[] = [];
  const scrubber = createScrubber([SP_SECRET]);
  const identity = {
    runId: RUN_ID,
    scenarioId: SCENARIO,
    createdAt: '2026-11-23T12:00:00Z',
    expiresAt: '2026-11-24T00:00:00Z',
    subscriptionId: SUBSCRIPTION,
    tenantId: 't',
    location: 'eastus',
    spClientId: 'app',
  };
  const vars = runVariables(identity);
  const variables: [string, string][] = [
    ['RG', 'haymaker-compute00-${HAYMAKER_RUN_SHORT}'],
    ['STORAGE', 'hmc00${HAYMAKER_RUN_SHORT}'],
  ];
  const stepEnv = stepProcessEnv({ PATH: `${fixturesBin}:${process.env.PATH}` }, vars, {
    AZ_CALL_LOG: callLog,
    SP_SECRET_FOR_TEST: SP_SECRET,
  });
  return {
    sink,
    logs,
    azCalls: () => {
      try {
        return readFileSync(callLog, 'utf8').trim().split('\n').filter(Boolean);
      } catch {
        return [];
      }
    },
    async run(phase, steps, extra = {}) {
      const events = new EventPublisher({
        runId: RUN_ID,
        scenarioId: SCENARIO,
        phase,
        burst: phase === 'operate' ? (extra.burst ?? 0) : undefined,
        sink,
        scrub: () => scrubber,
        retryDelayInMs: 10,
      });
      const options: RunPhaseOptions = {
        scenarioId: SCENARIO,
        scenarioText:
          extra.scenarioText ??
          `# Example\n\n## Deployment\n\n${steps.map((s) => `### ${s.title}\n\n\`\`\`bash\n${s.code}\n\`\`\``).join('\n\n')}`,
        phase,
        steps,
        prelude: variablesPrelude(variables),
        stepEnv,
        ...(extra.isolation ? { isolation: extra.isolation } : {}),
        ...(extra.commandPolicy ? { commandPolicy: extra.commandPolicy } : {}),
        policy: {
          runId: RUN_ID,
          runShort: runShort(RUN_ID),
          subscriptionId: SUBSCRIPTION,
          tags: { ...haymakerTags(identity) },
          env: { ...vars, RG: `haymaker-compute00-${runShort(RUN_ID)}`, STORAGE: `hmc00${runShort(RUN_ID)}` },
        },
        stepTimeoutInMs: 10_000,
        outputLimitInBytes: 64 * 1024,
        events,
        scrub: () => scrubber,
        log: (message, fields) => logs.push(scrubber(JSON.stringify({ message, ...fields }))),
        ...(extra.anthropic
          ? {
              repair: {
                client: extra.anthropic,
                model: 'claude-test',
                maxAttempts: extra.maxAttempts ?? 3,
                budget: new TokenBudget(extra.budget ?? 50_000),
              },
            }
          : {}),
      };
      const result = await runPhase(options);
      await events.flush();
      return result;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
