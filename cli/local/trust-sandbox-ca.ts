// Node reads NODE_EXTRA_CA_CERTS only at start-up, and the real SDK clients (in this process and in the agent
// processes it spawns) must trust the sandbox's run-time CA. So local mode makes the CA first and, if this
// process does not trust it yet, runs itself again with the variable set.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

export async function ensureTrustedOrReexec(caCertPath: string): Promise<'trusted' | never> {
  if (process.env.NODE_EXTRA_CA_CERTS && resolve(process.env.NODE_EXTRA_CA_CERTS) === resolve(caCertPath))
    return 'trusted';
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, NODE_EXTRA_CA_CERTS: caCertPath },
  });
  const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
  for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(s, forward(s));
  const code = await new Promise<number>((done) => child.on('exit', (c, sig) => done(c ?? (sig ? 130 : 1))));
  process.exit(code);
}
