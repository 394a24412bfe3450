// Starts the real Azurite (tables + blobs, in memory) on free loopback ports for one test file.
import { spawn, type ChildProcess } from 'node:child_process';

export interface Azurite {
  connectionString: string;
  stop(): Promise<void>;
}

/**
 * How long Azurite may take to listen. It is a guard against a hang, not a speed check: Azurite takes 2 s on an idle
 * 2-core machine, 30 s with 24 busy processes beside it, and CI has seen a load average of 20.
 */
export const AZURITE_START_TIMEOUT_MS = 120_000;
/** For a jest hook that starts Azurite and then seeds through it (a host, a run). */
export const AZURITE_SETUP_HOOK_TIMEOUT_MS = 2 * AZURITE_START_TIMEOUT_MS;

const ACCOUNT = 'devstoreaccount1';
const KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export async function startAzurite(): Promise<Azurite> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      require.resolve('azurite/dist/src/azurite.js'),
      '--inMemoryPersistence',
      '--disableTelemetry',
      '--skipApiVersionCheck',
      '--loose',
      '--silent',
      '--blobHost',
      '127.0.0.1',
      '--blobPort',
      '0',
      '--queueHost',
      '127.0.0.1',
      '--queuePort',
      '0',
      '--tableHost',
      '127.0.0.1',
      '--tablePort',
      '0',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const ports: Record<string, string> = {};
  let output = '';
  let started = false;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`Azurite did not start within ${AZURITE_START_TIMEOUT_MS / 1000} s: ${output}`));
    }, AZURITE_START_TIMEOUT_MS);
    const onEarlyExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`Azurite exited with ${code}: ${output}`));
    };
    child.once('exit', onEarlyExit);
    child.stdout!.on('data', (chunk: Buffer) => {
      if (started) return;
      output += chunk.toString();
      for (const m of output.matchAll(
        /Azurite (Blob|Table) service is successfully listening at http:\/\/127\.0\.0\.1:(\d+)/g,
      ))
        ports[m[1]] = m[2];
      if (ports.Blob && ports.Table) {
        started = true;
        clearTimeout(timer);
        child.off('exit', onEarlyExit);
        resolve();
      }
    });
  });
  return {
    connectionString:
      `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${KEY};` +
      `BlobEndpoint=http://127.0.0.1:${ports.Blob}/${ACCOUNT};TableEndpoint=http://127.0.0.1:${ports.Table}/${ACCOUNT};`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
