// Child process for the group-commit crash test: a host over the basic app and the given task hub. With
// STALL_AT_FIRST_EVENT=<name>, the first log batch that holds a raised event of that name is written but never
// synced: the runner prints "stalled" and the commit waits forever, so the test's SIGKILL lands in the middle of a
// group commit, with writes queued behind it. The batch is chosen by what it holds, not by its number: a slow disk
// folds a whole flood into a handful of batches, and a loaded CI machine then never reached "the 12th".
// SYNC_DELAY_MS=n makes every sync n ms slower, as a busy disk does.
import path from 'node:path';
import { startEmbeddedHost } from '../../../embedded-host';
import { readBatches } from '../../../embedded-host/durable/storage/log-format';

function holdsRaisedEvent(frame: Buffer, name: string): boolean {
  return readBatches(frame).batches.some((entries) =>
    entries.some(
      (entry) => entry.t === 'msg' && entry.m.body.kind === 'event' && entry.m.body.event.Name === name,
    ),
  );
}

async function main(): Promise<void> {
  const dataDir = process.argv[2];
  const stallAtEvent = process.env.STALL_AT_FIRST_EVENT;
  const syncDelayMs = Number(process.env.SYNC_DELAY_MS ?? 0);
  let stalled = false;
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
      onBatchWritten: async ({ frame }) => {
        if (stallAtEvent !== undefined && !stalled && holdsRaisedEvent(frame, stallAtEvent)) {
          stalled = true;
          process.stdout.write('stalled\n');
          await new Promise(() => undefined);
        }
        if (syncDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, syncDelayMs));
      },
    },
  });
  process.stdout.write(`${JSON.stringify({ url: host.url })}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`commit-crash-runner failed: ${(err as Error).stack}\n`);
  process.exit(1);
});
