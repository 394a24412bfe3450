import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EmbeddedHost, EmbeddedHostOptions, startEmbeddedHost } from '../../embedded-host';

export const repoRoot = path.resolve(__dirname, '..', '..');
export const appPath = (name: string): string =>
  path.join(repoRoot, 'dist', 'tests', 'embedded-host', 'apps', `${name}.js`);

const createdDirs: string[] = [];

// Runs once per test file that imports this helper (jest gives each file its own module registry).
afterAll(() => {
  for (const dir of createdDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

export function tempDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'haymaker-host-'));
  createdDirs.push(dir);
  return dir;
}

/** A host on port 0 with a manual clock over a fresh task hub unless options say otherwise. */
export async function startTestHost(options: Partial<EmbeddedHostOptions> = {}): Promise<EmbeddedHost> {
  return startEmbeddedHost({
    appEntry: appPath('basic-app'),
    dataDir: options.dataDir ?? tempDataDir(),
    port: 0,
    clock: { kind: 'manual' },
    hostKey: 'test-key',
    env: { TEST_TIMER_SCHEDULE: '0 0 * * * *' },
    logger: () => undefined,
    ...options,
  });
}

/** Polls `check` (bounded) until it returns a value. */
export async function eventually<T>(
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
