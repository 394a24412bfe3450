// The agent job (Container Apps job, manual trigger): one execution per phase or burst, started with a
// per-execution template override that carries the agent job contract (docs/ARCHITECTURE.md). Only secret NAMES
// go into the template: an execution's template is readable by anyone with Reader on the job.
import { ContainerAppsAPIClient } from '@azure/arm-appcontainers';
import { AdapterError, isNotFound, nextStepFor } from './errors';
import { withRetry } from './retry';
import { modernArmOptions, type ArmContext } from './client-options';

export interface AgentJobRef {
  resourceGroup: string;
  jobName: string;
}

export type ExecutionStatus =
  'Running' | 'Processing' | 'Stopped' | 'Degraded' | 'Failed' | 'Unknown' | 'Succeeded' | string;

export interface AgentJobs {
  /** Starts one execution with `env` added to (or replacing) the job's container environment. */
  start(env: Record<string, string>): Promise<{ executionName: string }>;
  /** 'notFound' when the execution does not exist (any more). */
  stop(executionName: string): Promise<'stopped' | 'notFound'>;
  status(executionName: string): Promise<{ found: true; status: ExecutionStatus } | { found: false }>;
  /**
   * A running or finished-successfully execution whose template env holds every pair of `match` — so a retried
   * start finds the execution an earlier attempt began instead of starting a second agent.
   */
  findExecution(match: Record<string, string>): Promise<string | undefined>;
  /**
   * findExecution's answer, and the executions of the same `match` that already ended Failed or Stopped: an earlier
   * attempt's job that died before anyone waited on it (the orchestration records it as a crash of the phase).
   */
  lookupExecutions(
    match: Record<string, string>,
  ): Promise<{ reusable?: string; ended: { executionName: string; status: string }[] }>;
}

const REUSABLE_STATES = new Set(['running', 'processing', 'succeeded']);
const ENDED_STATES = new Set(['failed', 'stopped']);

/** Names that must never carry a value into an execution template. */
const SECRET_LOOKING = /(secret|password|key)$/i;
const ALLOWED_NAME_ONLY = new Set(['HAYMAKER_SP_SECRET_NAME', 'ANTHROPIC_API_KEY_SECRET_NAME']);

export function assertNoSecretValues(env: Record<string, string>): void {
  for (const name of Object.keys(env)) {
    if (SECRET_LOOKING.test(name) && !ALLOWED_NAME_ONLY.has(name)) {
      throw new Error(
        `refusing to put ${name} into a job execution template: pass a Key Vault secret name, never a value`,
      );
    }
  }
}

export function createAgentJobs(context: ArmContext & { job: AgentJobRef }): AgentJobs {
  const client = new ContainerAppsAPIClient(
    context.credential,
    context.subscriptionId,
    modernArmOptions(context),
  );
  const { resourceGroup, jobName } = context.job;
  const poll = { updateIntervalInMs: context.pollIntervalInMs ?? 2000 };
  const where = `job ${jobName} in resource group ${resourceGroup}`;

  return {
    async start(env) {
      assertNoSecretValues(env);
      try {
        // The override replaces the containers, so it must repeat each container's image and keep its other env.
        const job = await withRetry(() => client.jobs.get(resourceGroup, jobName), context.retry);
        const containers = (job.template?.containers ?? []).map((c) => {
          const kept = (c.env ?? []).filter((e) => e.name && !(e.name in env));
          return {
            name: c.name,
            image: c.image,
            command: c.command,
            args: c.args,
            resources: c.resources ? { cpu: c.resources.cpu, memory: c.resources.memory } : undefined,
            env: [...kept, ...Object.entries(env).map(([name, value]) => ({ name, value }))],
          };
        });
        if (containers.length === 0) throw new Error(`${where} has no containers to start`);
        const execution = await withRetry(
          () =>
            client.jobs.start(resourceGroup, jobName, { ...poll, template: { containers } }).pollUntilDone(),
          context.retry,
        );
        if (!execution?.name) throw new Error(`starting ${where} returned no execution name`);
        return { executionName: execution.name };
      } catch (error) {
        throw new AdapterError(
          `starting an execution of ${where}`,
          error,
          nextStepFor(error, 'Contributor on the job'),
        );
      }
    },

    async stop(executionName) {
      try {
        await withRetry(
          () => client.jobs.stopExecution(resourceGroup, jobName, executionName, poll).pollUntilDone(),
          context.retry,
        );
        return 'stopped';
      } catch (error) {
        if (isNotFound(error)) return 'notFound';
        throw new AdapterError(
          `stopping execution ${executionName} of ${where}`,
          error,
          nextStepFor(error, 'Contributor on the job'),
        );
      }
    },

    async findExecution(match) {
      return (await this.lookupExecutions(match)).reusable;
    },

    async lookupExecutions(match) {
      try {
        return await withRetry(async () => {
          let reusable: string | undefined;
          const ended: { executionName: string; status: string }[] = [];
          for await (const execution of client.jobsExecutions.list(resourceGroup, jobName)) {
            const status = execution.status ?? '';
            const env = new Map(
              (execution.template?.containers ?? []).flatMap((c) =>
                (c.env ?? []).map((e) => [e.name, e.value] as const),
              ),
            );
            if (!execution.name || !Object.entries(match).every(([k, v]) => env.get(k) === v)) continue;
            if (REUSABLE_STATES.has(status.toLowerCase())) reusable ??= execution.name;
            else if (ENDED_STATES.has(status.toLowerCase()))
              ended.push({ executionName: execution.name, status });
          }
          return { ...(reusable !== undefined ? { reusable } : {}), ended };
        }, context.retry);
      } catch (error) {
        throw new AdapterError(
          `listing executions of ${where}`,
          error,
          nextStepFor(error, 'Reader on the job'),
        );
      }
    },

    async status(executionName) {
      try {
        const execution = await withRetry(
          () => client.jobExecution(resourceGroup, jobName, executionName),
          context.retry,
        );
        return { found: true, status: execution.status ?? 'Unknown' };
      } catch (error) {
        if (isNotFound(error)) return { found: false };
        throw new AdapterError(
          `reading execution ${executionName} of ${where}`,
          error,
          nextStepFor(error, 'Reader on the job'),
        );
      }
    },
  };
}
