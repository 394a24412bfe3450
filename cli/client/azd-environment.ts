// The deployed app an azd environment describes: `azd env get-values --output json` (azd's JSON format of the same
// values it keeps in .azure/<env>/.env; github.com/Azure/azure-dev cli/azd/cmd/env.go) run in the azd project that
// holds the current directory. Only looked for when the project has an environment (.azure/ exists) or
// AZURE_ENV_NAME names one, so a plain clone never spawns azd; --no-prompt keeps azd from asking to pick one.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';

/** The Bicep outputs (bicep/main.bicep) that azd saved into the environment; only the first is required. */
const azdValuesSchema = z.object({
  AZURE_FUNCTION_APP_URL: z.string().url(),
  AZURE_FUNCTION_APP_NAME: z.string().min(1).optional(),
  AZURE_RESOURCE_GROUP: z.string().min(1).optional(),
  AZURE_SUBSCRIPTION_ID: z.string().min(1).optional(),
  AZURE_ENV_NAME: z.string().min(1).optional(),
  /** The API's app registration (Entra sign-in); empty when the deployment has none. */
  AZURE_API_CLIENT_ID: z.string().optional(),
});
export type AzdEnvironment = z.infer<typeof azdValuesSchema>;

export type AzdRunner = (cwd: string, args: string[]) => Promise<string>;

/** The folder above (or at) `cwd` that holds azure.yaml, if any. */
export function findAzdProject(cwd: string): string | undefined {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'azure.yaml'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

const runAzd: AzdRunner = (cwd, args) =>
  new Promise((done, fail) => {
    execFile('azd', args, { cwd, timeout: 20_000, maxBuffer: 1 << 20 }, (error, stdout) =>
      error ? fail(error) : done(stdout),
    );
  });

/**
 * The azd environment's app, or undefined when there is no azd project or environment, azd is not installed, or
 * the environment has not been provisioned yet (no AZURE_FUNCTION_APP_URL).
 */
export async function readAzdEnvironment(
  env: NodeJS.ProcessEnv = process.env,
  cwd = process.cwd(),
  run: AzdRunner = runAzd,
): Promise<AzdEnvironment | undefined> {
  const project = findAzdProject(cwd);
  if (!project) return undefined;
  if (!env.AZURE_ENV_NAME && !existsSync(join(project, '.azure'))) return undefined;
  const args = ['env', 'get-values', '--output', 'json', '--no-prompt'];
  if (env.AZURE_ENV_NAME) args.push('--environment', env.AZURE_ENV_NAME);
  let stdout: string;
  try {
    stdout = await run(project, args);
  } catch {
    return undefined;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout);
  } catch {
    return undefined;
  }
  const values = azdValuesSchema.safeParse(parsed);
  return values.success ? values.data : undefined;
}
