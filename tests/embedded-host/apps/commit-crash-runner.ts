// Child process for the group-commit crash test: a host over the basic app and the given task hub. With
// STALL_AT_BATCH=n, the n-th log batch is written but never synced: the runner prints "stalled" and the commit
// waits forever, so the test's SIGKILL lands in the middle of a group commit, with writes queued behind it.
import path from 'node:path';
import { startEmbeddedHost } from '../../../embedded-host';

async function main(): Promise<void> {
  const dataDir = process.argv[2];
  const stallAt = Number(process.env.STALL_AT_BATCH ?? 0);
  let batches = 0;
  const host = await startEmbeddedHost({
    appEntry: path.join(__dirname, 'basic-app.js'),
    dataDir,
    port: 0,
    // The durable webhooks need the host key (?code=); the test knows this one.
    hostKey: 'crash-runner-host-key',
    clock: { kind: 'real' },
    env: { TEST_TIMER_SCHEDULE: '0 0 0 1 1 *' },
    logger: () => undefined,
    taskHubStore: {
      onBatchWritten: async () => {
        batches += 1;
        if (stallAt > 0 && batches === stallAt) {
          process.stdout.write('stalled\n');
          await new Promise(() => undefined);
        }
      },
    },
  });
  process.stdout.write(`${JSON.stringify({ url: host.url })}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`commit-crash-runner failed: ${(err as Error).stack}\n`);
  process.exit(1);
});
