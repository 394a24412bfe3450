// `npm run sandbox`: the sandbox cloud as a process. Writes .haymaker/sandbox.json once ready.
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startSandbox } from './index';

async function main(): Promise<void> {
  const home = resolve(process.env.HAYMAKER_HOME ?? join(process.cwd(), '.haymaker'));
  const sandboxFile = join(home, 'sandbox.json');
  const sandbox = await startSandbox({
    dataDir: join(home, 'sandbox'),
    persistState: true,
    sandboxFile,
    agentPathPrepend: process.env.HAYMAKER_AGENT_PATH_PREPEND,
  });
  const lines = [
    'HayMaker sandbox cloud is running',
    `  subscription ${sandbox.subscriptionId}`,
    `  tenant       ${sandbox.tenantId}`,
    ...Object.entries(sandbox.endpoints).map(
      ([name, url]) => `  ${name.padEnd(12)} ${url || '(not available)'}`,
    ),
    `  CA           ${sandbox.caCertPath} (NODE_EXTRA_CA_CERTS)`,
    `  wrote        ${sandboxFile}`,
    'Ctrl-C stops it.',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);

  // Keeps the process up even when no service holds a socket open.
  const keepAlive = setInterval(() => undefined, 60_000);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    clearInterval(keepAlive);
    process.stdout.write(`${signal}: stopping the sandbox\n`);
    sandbox
      .stop()
      .then(() => {
        // A stale sandbox.json would send clients to ports nobody listens on.
        rmSync(sandboxFile, { force: true });
        process.exit(0);
      })
      .catch((error: unknown) => {
        process.stderr.write(`could not stop the sandbox cleanly: ${String(error)}\n`);
        process.exit(1);
      });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `could not start the sandbox: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
