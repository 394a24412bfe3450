// Where the CLI sends API calls: --endpoint/--key flags, then HAYMAKER_ENDPOINT/HAYMAKER_KEY, then ~/.haymaker.json
// ({"endpoint","key"}), then the azd environment of the project around the current directory (the deployed app;
// its key fetched with the user's Entra sign-in), then a local run's .haymaker/sandbox/local-api.json, then
// 127.0.0.1:7071 (HAYMAKER_PORT).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { findLocalApi } from '../local/local-api';
import { readAzdEnvironment, type AzdEnvironment } from './azd-environment';
import { CliError } from './errors';
import { fetchApiToken, fetchFunctionKey, type FunctionAppRef } from './function-key';

export interface ApiTarget {
  /** Base URL ending in /api/v1 (no trailing slash). */
  baseUrl: string;
  key?: string;
  /** An Entra access token for the API (a deployment with sign-in), sent as Authorization: Bearer. */
  bearer?: () => Promise<string>;
  /** Where the endpoint came from, for error messages. */
  source: 'flag' | 'environment' | 'config file' | 'azd environment' | 'local run' | 'default';
}

const configSchema = z
  .object({ endpoint: z.string().url().optional(), key: z.string().min(1).optional() })
  .strict();

export function configFilePath(env: NodeJS.ProcessEnv = process.env): string {
  return env.HAYMAKER_CONFIG || path.join(env.HOME || os.homedir(), '.haymaker.json');
}

function readConfigFile(file: string): z.infer<typeof configSchema> {
  if (!fs.existsSync(file)) return {};
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CliError(
      `could not read ${file}: ${(error as Error).message} — it must be JSON like {"endpoint":"https://…","key":"…"}`,
      2,
    );
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success)
    throw new CliError(
      `${file}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'file'} ${i.message}`).join('; ')}`,
      2,
    );
  return parsed.data;
}

/** Accepts `https://app.azurewebsites.net`, `…/api` or `…/api/v1`. */
export function normalizeEndpoint(endpoint: string): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new CliError(
      `--endpoint must be an absolute URL such as http://127.0.0.1:7071, got "${endpoint}"`,
      2,
    );
  }
  const trimmed = url.pathname.replace(/\/+$/, '');
  const pathPart = trimmed.endsWith('/api/v1')
    ? trimmed
    : trimmed.endsWith('/api')
      ? `${trimmed}/v1`
      : `${trimmed}/api/v1`;
  return `${url.origin}${pathPart}`;
}

export interface TargetDependencies {
  cwd?: string;
  azdEnvironment?: (env: NodeJS.ProcessEnv, cwd: string) => Promise<AzdEnvironment | undefined>;
  fetchKey?: (app: FunctionAppRef) => Promise<string>;
  fetchToken?: (clientId: string) => Promise<string>;
}

/** The function key for an app from the azd environment, fetched with the user's Entra sign-in when it can be. */
async function keyWithSignIn(
  azd: AzdEnvironment,
  fetchKey: (app: FunctionAppRef) => Promise<string>,
): Promise<string | undefined> {
  if (!azd.AZURE_SUBSCRIPTION_ID || !azd.AZURE_RESOURCE_GROUP || !azd.AZURE_FUNCTION_APP_NAME)
    return undefined;
  try {
    return await fetchKey({
      subscriptionId: azd.AZURE_SUBSCRIPTION_ID,
      resourceGroup: azd.AZURE_RESOURCE_GROUP,
      name: azd.AZURE_FUNCTION_APP_NAME,
    });
  } catch (error) {
    process.stderr.write(
      `haymaker: could not fetch a function key for ${azd.AZURE_FUNCTION_APP_NAME} with your Azure sign-in (${(error as Error).message}); pass --key or set HAYMAKER_KEY\n`,
    );
    return undefined;
  }
}

export async function resolveApiTarget(
  flags: { endpoint?: string; key?: string },
  env: NodeJS.ProcessEnv = process.env,
  deps: TargetDependencies = {},
): Promise<ApiTarget> {
  const cwd = deps.cwd ?? process.cwd();
  const file = readConfigFile(configFilePath(env));
  const explicit = flags.endpoint || env.HAYMAKER_ENDPOINT || file.endpoint;
  // `azd up` saved the deployed app's URL in the azd environment of this project.
  const azd = explicit ? undefined : await (deps.azdEnvironment ?? readAzdEnvironment)(env, cwd);
  // A local run (`haymaker start` / `serve`) records its endpoint and key under .haymaker/sandbox/.
  const local = explicit || azd ? undefined : findLocalApi(env, cwd);
  const [endpoint, source]: [string, ApiTarget['source']] = flags.endpoint
    ? [flags.endpoint, 'flag']
    : env.HAYMAKER_ENDPOINT
      ? [env.HAYMAKER_ENDPOINT, 'environment']
      : file.endpoint
        ? [file.endpoint, 'config file']
        : azd
          ? [azd.AZURE_FUNCTION_APP_URL, 'azd environment']
          : local?.endpoint
            ? [local.endpoint, 'local run']
            : [`http://127.0.0.1:${env.HAYMAKER_PORT || 7071}`, 'default'];
  const given = flags.key ?? env.HAYMAKER_KEY ?? file.key ?? local?.key;
  // A deployment with Entra sign-in takes a token for its API, not a key (the app accepts no keys in Azure).
  const clientId = given ? undefined : env.HAYMAKER_API_CLIENT_ID || azd?.AZURE_API_CLIENT_ID;
  if (clientId) {
    const fetchToken = deps.fetchToken ?? ((id: string) => fetchApiToken(id));
    return { baseUrl: normalizeEndpoint(endpoint), bearer: () => fetchToken(clientId), source };
  }
  const key =
    given ?? (azd ? await keyWithSignIn(azd, deps.fetchKey ?? ((app) => fetchFunctionKey(app))) : undefined);
  return { baseUrl: normalizeEndpoint(endpoint), ...(key ? { key } : {}), source };
}
