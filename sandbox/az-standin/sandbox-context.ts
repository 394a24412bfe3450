// Where the sandbox is: the file the sandbox writes (HAYMAKER_SANDBOX_FILE), validated once.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AzError } from './errors';

interface SandboxFile {
  caCertPath: string;
  subscriptionId: string;
  tenantId: string;
  endpoints: { arm: string; graph: string; keyVault: string; login: string };
}

/**
 * Checked by hand rather than with zod: every az call is a new process, and loading zod doubled the
 * stand-in's start-up time on these machines.
 */
function parseSandboxFile(value: unknown): SandboxFile {
  const v = value as Partial<SandboxFile> | null;
  const text = (x: unknown) => typeof x === 'string' && x.length > 0;
  const problems = [
    ...(['caCertPath', 'subscriptionId', 'tenantId'] as const).filter((k) => !text(v?.[k])),
    ...(['arm', 'graph', 'keyVault', 'login'] as const)
      .filter((k) => !text(v?.endpoints?.[k]))
      .map((k) => `endpoints.${k}`),
  ];
  if (problems.length > 0) throw new Error(`missing or empty: ${problems.join(', ')}`);
  return v as SandboxFile;
}

export interface StandinContext {
  sandboxFile: string;
  subscriptionId: string;
  tenantId: string;
  arm: string;
  graph: string;
  keyVault: string;
  /** The sandbox's Entra authority host (token endpoint `{login}/{tenant}/oauth2/v2.0/token`). */
  login: string;
  ca: Buffer;
  /** Append-only JSON lines of every call, next to the sandbox file. */
  logFile: string;
  location: string;
}

export function loadContext(env: NodeJS.ProcessEnv): StandinContext {
  const file = env.HAYMAKER_SANDBOX_FILE;
  if (!file) {
    throw new AzError(
      'HAYMAKER_SANDBOX_FILE is not set: this az stand-in only talks to the HayMaker sandbox. Start the sandbox (npm run sandbox) and run jobs through its job runner, or use the real Azure CLI outside the sandbox.',
    );
  }
  let parsed: SandboxFile;
  try {
    parsed = parseSandboxFile(JSON.parse(readFileSync(file, 'utf8')));
  } catch (error) {
    throw new AzError(
      `could not read the sandbox file ${file}: ${(error as Error).message} — is the sandbox running?`,
    );
  }
  let ca: Buffer;
  try {
    ca = readFileSync(parsed.caCertPath);
  } catch (error) {
    throw new AzError(
      `could not read the sandbox CA certificate ${parsed.caCertPath}: ${(error as Error).message}`,
    );
  }
  const trim = (url: string) => url.replace(/\/+$/, '');
  return {
    sandboxFile: file,
    subscriptionId: parsed.subscriptionId,
    tenantId: parsed.tenantId,
    arm: trim(parsed.endpoints.arm),
    graph: trim(parsed.endpoints.graph),
    keyVault: trim(parsed.endpoints.keyVault),
    login: trim(parsed.endpoints.login),
    ca,
    logFile: env.HAYMAKER_AZ_STANDIN_LOG ?? join(dirname(file), 'az-standin.log'),
    location: env.AZURE_LOCATION ?? 'eastus',
  };
}
