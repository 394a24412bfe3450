// Where the sandbox is: the file the sandbox writes (HAYMAKER_SANDBOX_FILE), validated once.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { AzError } from './errors';

const sandboxFileSchema = z.object({
  caCertPath: z.string().min(1),
  subscriptionId: z.string().min(1),
  tenantId: z.string().min(1),
  endpoints: z.object({ arm: z.string().url(), graph: z.string(), keyVault: z.string() }).loose(),
});

export interface StandinContext {
  sandboxFile: string;
  subscriptionId: string;
  tenantId: string;
  arm: string;
  graph: string;
  keyVault: string;
  ca: Buffer;
  /** Append-only JSON lines of every call, next to the sandbox file. */
  logFile: string;
  location: string;
}

export function loadContext(env: NodeJS.ProcessEnv): StandinContext {
  const file = env.HAYMAKER_SANDBOX_FILE;
  if (!file) {
    throw new AzError('HAYMAKER_SANDBOX_FILE is not set: this az stand-in only talks to the HayMaker sandbox. Start the sandbox (npm run sandbox) and run jobs through its job runner, or use the real Azure CLI outside the sandbox.');
  }
  let parsed: z.infer<typeof sandboxFileSchema>;
  try {
    parsed = sandboxFileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch (error) {
    throw new AzError(`could not read the sandbox file ${file}: ${(error as Error).message} — is the sandbox running?`);
  }
  let ca: Buffer;
  try {
    ca = readFileSync(parsed.caCertPath);
  } catch (error) {
    throw new AzError(`could not read the sandbox CA certificate ${parsed.caCertPath}: ${(error as Error).message}`);
  }
  const trim = (url: string) => url.replace(/\/+$/, '');
  return {
    sandboxFile: file,
    subscriptionId: parsed.subscriptionId,
    tenantId: parsed.tenantId,
    arm: trim(parsed.endpoints.arm),
    graph: trim(parsed.endpoints.graph),
    keyVault: trim(parsed.endpoints.keyVault),
    ca,
    logFile: env.HAYMAKER_AZ_STANDIN_LOG ?? join(dirname(file), 'az-standin.log'),
    location: env.AZURE_LOCATION ?? 'eastus',
  };
}
