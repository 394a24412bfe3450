// What every step's shell sees: the run's variables, then the scenario's front-matter variables in order.
import { runShort } from '../../core/naming';
import { haymakerTags, tagsForAzCli } from '../../core/tags';

export interface RunIdentity {
  runId: string;
  scenarioId: string;
  createdAt: string;
  expiresAt: string;
  subscriptionId: string;
  tenantId: string;
  location: string;
  spClientId: string;
}

/**
 * What a step inherits from the agent's environment: nothing but these. The agent's credentials, its
 * managed-identity endpoint and header (IDENTITY_ENDPOINT, IDENTITY_HEADER) and everything else stay out.
 */
const PASS_THROUGH = [
  'PATH',
  'LANG',
  'LC_ALL',
  'TZ',
  'TMPDIR',
  'HOME',
  'NODE_EXTRA_CA_CERTS',
  'REQUESTS_CA_BUNDLE',
  'HAYMAKER_SANDBOX_FILE',
  'HAYMAKER_AZ_STANDIN_LOG',
  'AZURE_CORE_COLLECT_TELEMETRY',
  'AZURE_CORE_ONLY_SHOW_ERRORS',
];

export function runVariables(identity: RunIdentity): Record<string, string> {
  const tags = haymakerTags({
    runId: identity.runId,
    scenarioId: identity.scenarioId,
    createdAt: identity.createdAt,
    expiresAt: identity.expiresAt,
  });
  return {
    HAYMAKER_RUN_ID: identity.runId,
    HAYMAKER_RUN_SHORT: runShort(identity.runId),
    HAYMAKER_SCENARIO: identity.scenarioId,
    HAYMAKER_TAGS: tagsForAzCli(tags),
    AZURE_LOCATION: identity.location,
    AZURE_SUBSCRIPTION_ID: identity.subscriptionId,
    AZURE_TENANT_ID: identity.tenantId,
    HAYMAKER_SP_CLIENT_ID: identity.spClientId,
  };
}

/** A clean environment: the pass-through list from `base`, then `extra` (work directory, test hooks), then the run's. */
export function stepProcessEnv(
  base: NodeJS.ProcessEnv,
  run: Record<string, string>,
  extra: Record<string, string> = {},
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const key of PASS_THROUGH) if (base[key] !== undefined) env[key] = base[key];
  return { ...env, ...extra, ...run };
}

/**
 * `export NAME="value"` lines: values stay bash-expanded (`${HAYMAKER_RUN_SHORT}` works) and only the
 * double quote is escaped, so a value cannot end its own quoting.
 */
export function variablesPrelude(variables: [string, string][]): string {
  return variables
    .map(([name, value]) => {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
        throw new Error(
          `scenario variable name "${name}" is not a shell identifier; rename it in the front matter`,
        );
      return `export ${name}="${value.replace(/(?<!\\)"/g, '\\"')}"`;
    })
    .join('\n');
}

export function stepScript(prelude: string, code: string): string {
  return prelude ? `${prelude}\n${code}` : code;
}
