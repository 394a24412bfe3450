// One agent job: contract → scenario → secrets → az login → the phase's steps → events. Returns the exit code.
import type Anthropic from '@anthropic-ai/sdk';
import type { TokenCredential } from '@azure/core-auth';
import { runShort } from '../core/naming';
import { resourceGroupNames } from '../core/scenario/resource-groups';
import { createScrubber, type Scrubber } from '../core/scrub';
import { haymakerTags } from '../core/tags';
import { azLogin } from './azure/az-login';
import { agentCredential } from './azure/credential';
import { keyVaultSecretReader, type SecretReader } from './azure/read-secret';
import { AgentConfigError, loadAgentConfig, type AgentConfig } from './config/agent-config';
import { EventPublisher } from './events/event-publisher';
import type { EventSink } from './events/event-sink';
import { ServiceBusSink } from './events/service-bus-sink';
import { loadScenario } from './load-scenario';
import { createLog, type Log } from './log';
import { runPhase, type CommandPolicyMode, type PhaseResult } from './phase/run-phase';
import { TokenBudget } from './repair/token-budget';
import { resolveVariables } from './shell/resolve-variables';
import { runVariables, stepProcessEnv, variablesPrelude } from './shell/step-environment';
import { handOver, prepareStepIsolation } from './shell/step-isolation';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { errorText } from '../core/error-text';

export interface AgentDependencies {
  sink?: (config: AgentConfig, credential: TokenCredential) => EventSink;
  secrets?: (config: AgentConfig, credential: TokenCredential) => SecretReader;
  login?: (options: Parameters<typeof azLogin>[0]) => Promise<void>;
  write?: (line: string) => void;
  /** Receives the phase result (benchmarks and tests read the token figures from it). */
  onResult?: (result: PhaseResult) => void;
  /** TESTS ONLY (see RunPhaseOptions.commandPolicy); main.ts never sets it. */
  commandPolicy?: CommandPolicyMode;
}

async function anthropicKey(
  config: AgentConfig,
  secrets: SecretReader,
  log: Log,
): Promise<string | undefined> {
  if (config.anthropic.apiKey) return config.anthropic.apiKey;
  try {
    return await secrets.read(config.anthropic.apiKeySecretName);
  } catch (error) {
    log('could not read the Anthropic API key from Key Vault', { error: errorText(error) });
    return undefined;
  }
}

/** The SDK loads only when repair is on: it is a fifth of the agent's start-up, and most phases never need it. */
function anthropicClient(apiKey: string, baseURL: string | undefined): Anthropic {
  const sdk = require('@anthropic-ai/sdk') as typeof import('@anthropic-ai/sdk');
  return new sdk.Anthropic({ apiKey, ...(baseURL ? { baseURL } : {}), maxRetries: 2, timeout: 60_000 });
}

export async function runAgent(env: NodeJS.ProcessEnv, deps: AgentDependencies = {}): Promise<number> {
  let scrubber: Scrubber = createScrubber([]);
  const scrub = (): Scrubber => scrubber;
  const log = createLog(scrub, deps.write);
  let config: AgentConfig;
  try {
    config = loadAgentConfig(env);
  } catch (error) {
    log(
      error instanceof AgentConfigError
        ? error.message
        : `could not read the agent environment: ${errorText(error)}`,
    );
    return 2;
  }
  const sandbox = config.sandboxFile !== undefined;
  const credential = agentCredential({ sandbox, managedIdentityClientId: config.managedIdentityClientId });
  const sink = deps.sink
    ? deps.sink(config, credential)
    : new ServiceBusSink({ ...config.serviceBus, credential });
  const events = new EventPublisher({
    runId: config.runId,
    scenarioId: config.scenarioId,
    phase: config.phase,
    burst: config.burst,
    ...(config.executionName !== undefined ? { executionName: config.executionName } : {}),
    sink,
    scrub,
    log,
  });
  let exitCode = 1;
  let workDir: string | undefined;
  try {
    const { scenario, text } = await loadScenario(config.scenariosDir, config.scenarioId);
    const secrets = deps.secrets
      ? deps.secrets(config, credential)
      : keyVaultSecretReader(config.keyVaultUrl, credential, sandbox);
    const spSecret =
      config.spSecretValue ?? (config.spSecretName ? await secrets.read(config.spSecretName) : undefined);
    if (!spSecret)
      throw new Error(
        `Key Vault secret "${config.spSecretName}" holding the scenario SP secret does not exist — the orchestration stores it before starting the job`,
      );
    const apiKey = await anthropicKey(config, secrets, log);
    scrubber = createScrubber([spSecret, ...(apiKey ? [apiKey] : [])]);
    if (!apiKey)
      log(
        `repair disabled: no Anthropic API key (set ANTHROPIC_API_KEY or Key Vault secret "${config.anthropic.apiKeySecretName}"); failing steps fail the phase`,
      );

    const run = runVariables(config);
    const isolation = await prepareStepIsolation(env.HAYMAKER_STEP_USER, log);
    workDir = isolation.workDir;
    const azConfigDir = join(isolation.workDir, '.azure');
    const stepEnv = stepProcessEnv(process.env, run, {
      ...(isolation.runAs ? { HOME: isolation.workDir } : {}),
      AZURE_CONFIG_DIR: azConfigDir,
    });
    const prelude = variablesPrelude(scenario.variables);
    const resolved = await resolveVariables(
      prelude,
      scenario.variables.map(([n]) => n),
      stepEnv,
      { cwd: isolation.workDir, ...(isolation.runAs ? { runAs: isolation.runAs } : {}) },
    );
    const tags = haymakerTags({
      runId: config.runId,
      scenarioId: config.scenarioId,
      createdAt: config.createdAt,
      expiresAt: config.expiresAt,
    });
    const result = await runPhase({
      scenarioId: config.scenarioId,
      scenarioText: text,
      phase: config.phase,
      steps: scenario.phases[config.phase],
      prelude,
      stepEnv,
      isolation,
      policy: {
        runId: config.runId,
        runShort: runShort(config.runId),
        // The groups the orchestrator created for this scenario: the only ones its steps may name.
        resourceGroups: resourceGroupNames(scenario.frontMatter, runShort(config.runId)),
        subscriptionId: config.subscriptionId,
        tags: { ...tags },
        env: { ...run, ...resolved },
      },
      stepTimeoutInMs: config.stepTimeoutInSeconds * 1000,
      outputLimitInBytes: config.outputLimitInBytes,
      events,
      scrub,
      log,
      ...(deps.commandPolicy ? { commandPolicy: deps.commandPolicy } : {}),
      ...(apiKey
        ? {
            repair: {
              client: anthropicClient(apiKey, config.anthropic.baseUrl),
              model: config.anthropic.model,
              maxAttempts: config.repairAttemptsPerStep,
              budget: new TokenBudget(config.repairTokenBudgetPerPhase),
            },
          }
        : {}),
      prepare: async () => {
        await (deps.login ?? azLogin)({
          clientId: config.spClientId,
          secret: spSecret,
          tenantId: config.tenantId,
          subscriptionId: config.subscriptionId,
          env: stepEnv,
          scrub: scrubber,
          log: (message: string) => log(message),
        });
        // az login ran as the agent; its login state (for the scenario principal only) goes to the step user.
        await handOver(isolation, isolation.workDir);
      },
    });
    deps.onResult?.(result);
    log(result.succeeded ? 'phase succeeded' : 'phase failed', {
      phase: config.phase,
      burst: config.burst,
      error: result.error,
      durationInMs: result.durationInMs,
      tokens: result.tokens,
    });
    exitCode = result.succeeded ? 0 : 1;
  } catch (error) {
    const message = errorText(error);
    log('phase failed before its steps could run', { error: message });
    events.emit('phase_failed', { error: message, steps: 0 });
    exitCode = 1;
  } finally {
    if (workDir) await rm(workDir, { recursive: true, force: true }).catch(() => undefined);
    try {
      await events.flush();
    } catch (error) {
      log(errorText(error));
    }
    await sink
      .close()
      .catch((error: unknown) => log(`closing the Service Bus sender failed: ${errorText(error)}`));
  }
  return exitCode;
}
