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
 * Variables that must never reach a scenario's shell: the agent's own credentials, and the job's
 * managed-identity endpoint and header, with which a step could act as the agent (read every vault secret).
 */
const WITHHELD = [
  'ANTHROPIC_API_KEY',
  'HAYMAKER_SP_SECRET',
  'AZURE_CLIENT_SECRET',
  'AZURE_CLIENT_ID',
  'IDENTITY_ENDPOINT',
  'IDENTITY_HEADER',
  'MSI_ENDPOINT',
  'MSI_SECRET',
  'AZURE_FEDERATED_TOKEN_FILE',
  'IDENTITY_SERVER_THUMBPRINT',
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

export function stepProcessEnv(base: NodeJS.ProcessEnv, run: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base, ...run };
  for (const key of WITHHELD) delete env[key];
  return env;
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
