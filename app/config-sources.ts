// Where configuration comes from at run time: the process environment, Key Vault (production) and a `.env`
// file (local). The only file in app/ that reads the disk for configuration; core/config stays pure.
import fs from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { loadConfiguration, type LoadedConfiguration } from '../core/config';

export interface ConfigSourcesOptions {
  env?: NodeJS.ProcessEnv;
  /** Folder that may hold a `.env` (default: the working directory). */
  cwd?: string;
  /** Reads one Key Vault secret; default: none (the app passes one in production). */
  getSecret?: (name: string) => Promise<string | undefined>;
  warn?: (message: string) => void;
}

export async function loadAppConfiguration(options: ConfigSourcesOptions = {}): Promise<LoadedConfiguration> {
  const env = options.env ?? process.env;
  const dotenvPath = path.join(options.cwd ?? process.cwd(), '.env');
  const dotenv = fs.existsSync(dotenvPath)
    ? { path: dotenvPath, values: readDotenv(fs.readFileSync(dotenvPath, 'utf8'), dotenvPath, options.warn) }
    : undefined;
  return loadConfiguration({
    env,
    ...(dotenv ? { dotenv } : {}),
    ...(options.getSecret ? { getSecret: options.getSecret } : {}),
    ...(options.warn ? { warn: options.warn } : {}),
  });
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * A `.env` file parsed by Node itself (util.parseEnv, Node 20.12 and later:
 * https://nodejs.org/api/util.html#utilparseenvcontent). Node reads a line without `=` as the start of the next
 * key, so a name that is not a variable name means a malformed line: it is dropped and named in a warning.
 */
export function readDotenv(
  text: string,
  file: string,
  warn?: (message: string) => void,
): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(parseEnv(text))) {
    if (ENV_NAME.test(key) && value !== undefined) values[key] = value;
    else warn?.(`${file}: ignored "${key.split(/\r?\n/)[0]}": not a KEY=VALUE line`);
  }
  return values;
}

/**
 * Key Vault as a configuration source, for production: secrets named after the keys (`OPERATION-BURSTS`).
 * Loaded lazily so that loading the app never builds an SDK client.
 */
export function keyVaultSecretReader(
  vaultUrl: string,
  managedIdentityClientId?: string,
): (name: string) => Promise<string | undefined> {
  let client: import('@azure/keyvault-secrets').SecretClient | undefined;
  return async (name) => {
    if (!client) {
      const { SecretClient } = require('@azure/keyvault-secrets') as typeof import('@azure/keyvault-secrets');
      const { DefaultAzureCredential } = require('@azure/identity') as typeof import('@azure/identity');
      client = new SecretClient(
        vaultUrl,
        new DefaultAzureCredential(managedIdentityClientId ? { managedIdentityClientId } : {}),
      );
    }
    try {
      return (await client.getSecret(name)).value;
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) return undefined;
      throw error;
    }
  };
}
