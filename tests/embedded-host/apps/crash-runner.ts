// Child process for the crash test: runs a host over the given task hub and prints its URL.
import path from 'node:path';
import { startEmbeddedHost } from '../../../embedded-host';

async function main(): Promise<void> {
  const dataDir = process.argv[2];
  const host = await startEmbeddedHost({
    appEntry: path.join(__dirname, 'crash-app.js'),
    dataDir,
    port: 0,
    // The durable webhooks need the host key (?code=); the test knows this one.
    hostKey: 'crash-runner-host-key',
    clock: { kind: 'real' },
    logger: () => undefined,
  });
  process.stdout.write(`${JSON.stringify({ url: host.url })}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`crash-runner failed: ${(err as Error).stack}\n`);
  process.exit(1);
});
