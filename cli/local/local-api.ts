// How the CLI finds the API of a local run: local mode keeps the embedded host's key in the sandbox's own store
// (`.haymaker/sandbox/`, the only part of .haymaker/ allowed to hold credentials) with the endpoint beside it,
// so `haymaker status` in another terminal answers without flags. The key is stable across restarts.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';

export const LOCAL_API_FILE = 'local-api.json';

const localApiSchema = z.object({ endpoint: z.string().url().optional(), key: z.string().min(16) });
export type LocalApi = z.infer<typeof localApiSchema>;

export function localApiPath(sandboxDir: string): string {
  return join(sandboxDir, LOCAL_API_FILE);
}

function read(path: string): LocalApi | undefined {
  if (!existsSync(path)) return undefined;
  const parsed = localApiSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  return parsed.success ? parsed.data : undefined;
}

function write(path: string, value: LocalApi): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
}

/** The host key of this data dir: the stored one, else HAYMAKER_HOST_KEY, else a new random key (then stored). */
export function localHostKey(sandboxDir: string): string {
  const path = localApiPath(sandboxDir);
  const existing = read(path);
  if (existing) return existing.key;
  const key = process.env.HAYMAKER_HOST_KEY ?? randomBytes(24).toString('base64url');
  write(path, { key });
  return key;
}

export function recordLocalEndpoint(sandboxDir: string, endpoint: string): void {
  write(localApiPath(sandboxDir), { endpoint, key: localHostKey(sandboxDir) });
}

/** The local API of `<HAYMAKER_HOME or ./.haymaker>`, when a local host has written one. */
export function findLocalApi(
  env: NodeJS.ProcessEnv = process.env,
  cwd = process.cwd(),
): LocalApi | undefined {
  const dataDir = resolve(env.HAYMAKER_HOME ?? join(cwd, '.haymaker'));
  try {
    return read(localApiPath(join(dataDir, 'sandbox')));
  } catch {
    return undefined;
  }
}
