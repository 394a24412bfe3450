// Agent figures: language-model tokens per phase (clean, and with one repaired step) against the scripted
// Messages API, and agent wall time per phase through the compiled entry against the sandbox (az stand-in).
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PARSER_NODE_ARGS } from '../../core/shell/node-args';
import { isParsed, parseScenarioDocument, type Step } from '../../core/scenario';
import { startSandbox } from '../../sandbox';
import { serviceFactories } from '../../sandbox/services';
import { createHarness, RUN_ID } from '../../testkit/phase-harness';
import { AnthropicStub, createAnthropicService } from '../../sandbox/anthropic';
import { runCommand } from '../../testkit/sandbox-anthropic';
import { sandboxAnthropic } from '../../testkit/anthropic-client';
import { agentEnvironment } from '../../testkit/agent-environment';
import { grantTemplateScenario, TEMPLATE_SCENARIO } from '../../testkit/template-scenario-principal';
import type { Sandbox } from '../../sandbox';
import { agentSecondsPerScenario } from '../../bicep/checks/cost';
import { ASSUMPTIONS, PRICES } from '../../bicep/checks/cost-assumptions';

const root = path.resolve(__dirname, '..', '..', '..');
const template = path.join(root, 'scenarios', 'SCENARIO_TEMPLATE.md');
const SCENARIO = TEMPLATE_SCENARIO;

function templateSteps(): Record<'deploy' | 'operate' | 'cleanup', Step[]> {
  const parsed = parseScenarioDocument(fs.readFileSync(template, 'utf8'), template);
  if (!isParsed(parsed))
    throw new Error(`the scenario template does not parse: ${JSON.stringify(parsed.errors)}`);
  return parsed.phases;
}

type Tokens = { input: number; output: number; cacheRead: number; cacheCreation: number };
const total = (t: Tokens): number => t.input + t.output + t.cacheRead + t.cacheCreation;

async function tokens(sandbox: Sandbox, stub: AnthropicStub): Promise<Record<string, unknown>> {
  const phases = templateSteps();
  const storageStep = phases.deploy.find((s) => s.code.includes('storage account create'));
  if (!storageStep) throw new Error('the scenario template has no storage account step to break');
  const broken = phases.deploy.map((s) =>
    s === storageStep ? { ...s, code: s.code.replace('Standard_LRS', 'Premium_Bogus') } : s,
  );
  stub.setScript([
    runCommand(storageStep.code, 'Premium_Bogus is not a storage SKU; Standard_LRS matches the intent.'),
    { text: 'The storage account exists with Standard_LRS.' },
  ]);
  const client = sandboxAnthropic(sandbox);
  const clean = createHarness();
  const repaired = createHarness();
  try {
    const scenarioText = fs.readFileSync(template, 'utf8');
    const cleanResult = await clean.run('deploy', phases.deploy, { anthropic: client, scenarioText });
    const repairResult = await repaired.run('deploy', broken, { anthropic: client, scenarioText });
    if (!cleanResult.succeeded || !repairResult.succeeded)
      throw new Error(`bench phases failed: ${cleanResult.error ?? ''} ${repairResult.error ?? ''}`);
    return {
      tokens: { cleanPhase: total(cleanResult.tokens), oneRepair: total(repairResult.tokens) },
      tokensOneRepairDetail: {
        ...repairResult.tokens,
        calls: repairResult.repairCalls,
        estimate: 'sandbox Messages API usage estimate (~4 characters a token, cache_control blocks cached)',
      },
    };
  } finally {
    clean.cleanup();
    repaired.cleanup();
  }
}

function runMain(env: NodeJS.ProcessEnv): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [...PARSER_NODE_ARGS, path.join(root, 'dist', 'agent-runtime', 'main.js')],
      { env, timeout: 120_000 },
      (error, stdout) =>
        error
          ? reject(new Error(`agent phase failed: ${stdout.slice(-2000)}`))
          : resolve(Math.round(performance.now() - started)),
    );
  });
}

async function wallTimes(sandbox: Sandbox): Promise<Record<string, unknown>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'haymaker-bench-agent-'));
  try {
    // A real scenario principal, as the orchestrator makes it: the sandbox's Entra refuses a sign-in by an unknown app.
    const { spClientId } = await grantTemplateScenario(sandbox, 'bench-sp-secret');
    fs.copyFileSync(template, path.join(dir, `${SCENARIO}.md`));
    const env: NodeJS.ProcessEnv = {
      ...agentEnvironment(sandbox, {
        dir,
        runId: RUN_ID,
        scenarioId: SCENARIO,
        spClientId,
        spSecretName: 'bench-sp-secret',
      }),
      ANTHROPIC_API_KEY_SECRET_NAME: 'absent-in-bench',
    };
    const deploy = await runMain({ ...env, HAYMAKER_PHASE: 'deploy' });
    const operate = await runMain({ ...env, HAYMAKER_PHASE: 'operate', HAYMAKER_BURST: '0' });
    const cleanup = await runMain({ ...env, HAYMAKER_PHASE: 'cleanup' });
    return {
      wallMsPerPhase: {
        deploy,
        operate,
        cleanup,
        note: 'scenario template; compiled entry in a child process; sandbox ARM, Key Vault, Service Bus through the az stand-in',
      },
      computePerScenario: computePerScenario({ deploy, operate, cleanup }),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const usdOf = (c: { vCpuSeconds: number; gibSeconds: number }) =>
  c.vCpuSeconds * PRICES.containerApps.vCpuSecond + c.gibSeconds * PRICES.containerApps.gibSecond;
const rounded = (c: { vCpuSeconds: number; gibSeconds: number }) => ({
  vCpuSeconds: Math.round(c.vCpuSeconds),
  gibSeconds: Math.round(c.gibSeconds),
  estimatedUsd: Math.round(usdOf(c) * 10_000) / 10_000,
});

/**
 * Container Apps compute one scenario bills: the job's shape (0.5 vCPU, 1 GiB, bicep/modules/agent-job.bicep) for the
 * measured wall time of deploy, K bursts and cleanup, plus the start overhead per execution that docs/cost.md assumes.
 * Against the sandbox the az stand-in answers in milliseconds where Azure takes seconds to minutes, so the measured
 * figure is a floor; `planningEstimate` is docs/cost.md's assumption for real Azure. List prices, free grant ignored.
 */
function computePerScenario(wallMs: {
  deploy: number;
  operate: number;
  cleanup: number;
}): Record<string, unknown> {
  const a = ASSUMPTIONS.agent;
  const measured = agentSecondsPerScenario({
    ...a,
    deployPhaseSeconds: wallMs.deploy / 1000,
    burstSeconds: wallMs.operate / 1000,
    cleanupPhaseSeconds: wallMs.cleanup / 1000,
  });
  return {
    ...rounded(measured),
    basis: `measured agent wall time (sandbox) for deploy + ${a.operationBursts} bursts + cleanup, + ${a.startOverheadSeconds} s start per execution; ${a.vCpu} vCPU, ${a.memoryGib} GiB; Container Apps list prices ${PRICES.asOf}`,
    planningEstimate: {
      ...rounded(agentSecondsPerScenario(a)),
      basis: 'docs/cost.md assumptions for real Azure latency',
    },
  };
}

export const agentSection = {
  name: 'agent',
  async run(): Promise<Record<string, unknown>> {
    const stub = new AnthropicStub();
    const sandbox = await startSandbox({
      services: [
        ...serviceFactories.filter((f) => f !== createAnthropicService),
        () => createAnthropicService(stub),
      ],
    });
    try {
      return { ...(await tokens(sandbox, stub)), ...(await wallTimes(sandbox)) };
    } finally {
      await sandbox.stop();
    }
  },
};
