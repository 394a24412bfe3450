import type { ServiceContext } from '../core/service';
import type { ContainerSpec, JobSecret } from './store';

/**
 * The container an execution runs: the override container of the same name (or position) on top of the
 * job's — its command/args win when given, and env is the job's env overlaid by the override's, by name.
 */
export function mergeContainer(
  jobContainer: ContainerSpec,
  override: ContainerSpec | undefined,
): ContainerSpec {
  if (!override) return jobContainer;
  const env = new Map<string, NonNullable<ContainerSpec['env']>[number]>();
  for (const e of jobContainer.env ?? []) env.set(e.name, e);
  for (const e of override.env ?? []) env.set(e.name, e);
  return {
    ...jobContainer,
    ...override,
    command: override.command ?? jobContainer.command,
    args: override.args ?? jobContainer.args,
    env: [...env.values()],
  };
}

export class SecretResolutionError extends Error {}

/** The process environment: a minimal base, the container env with secretRefs resolved, then the sandbox extras. */
export function buildProcessEnv(
  ctx: ServiceContext,
  container: ContainerSpec,
  secrets: JobSecret[],
  execution: { jobName: string; executionName: string },
  identities: { principalId: string; clientId: string }[] = [],
): Record<string, string> {
  const basePath = process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin';
  const env: Record<string, string> = {
    PATH: ctx.agentPathPrepend ? `${ctx.agentPathPrepend}:${basePath}` : basePath,
    HOME: process.env.HOME ?? '/tmp',
    TMPDIR: process.env.TMPDIR ?? '/tmp',
    LANG: process.env.LANG ?? 'C.UTF-8',
  };
  for (const e of container.env ?? []) {
    if (e.secretRef !== undefined) {
      const secret = secrets.find((s) => s.name === e.secretRef);
      if (!secret)
        throw new SecretResolutionError(
          `env ${e.name} refers to secret '${e.secretRef}', which the job does not define (configuration.secrets)`,
        );
      if (secret.value !== undefined) env[e.name] = secret.value;
      else if (secret.keyVaultUrl) {
        const resolve = ctx.lookups.keyVaultSecretValue;
        if (!resolve)
          throw new SecretResolutionError(
            `secret '${secret.name}' points at Key Vault (${secret.keyVaultUrl}) but the sandbox runs no Key Vault service`,
          );
        const value = resolve(secret.keyVaultUrl);
        if (value === undefined)
          throw new SecretResolutionError(
            `secret '${secret.name}': Key Vault has no secret at ${secret.keyVaultUrl}`,
          );
        env[e.name] = value;
      } else throw new SecretResolutionError(`secret '${secret.name}' has neither a value nor a keyVaultUrl`);
    } else env[e.name] = e.value ?? '';
  }
  // Container Apps' built-in job variables, set by the platform in every execution:
  // https://learn.microsoft.com/en-us/azure/container-apps/environment-variables#built-in-environment-variables
  env.CONTAINER_APP_JOB_NAME = execution.jobName;
  env.CONTAINER_APP_JOB_EXECUTION_NAME = execution.executionName;
  env.NODE_EXTRA_CA_CERTS = ctx.caCertPath;
  env.HAYMAKER_SANDBOX_FILE = ctx.sandboxFile;
  // A job with managed identities reaches them as Container Apps provides them.
  if (identities.length > 0 && ctx.lookups.managedIdentityEnvironment)
    Object.assign(env, ctx.lookups.managedIdentityEnvironment(identities));
  return env;
}
