// Signs the Azure CLI in as the scenario's service principal. The secret goes to `az` as one argv
// element of spawn (never a shell string, never a log line).
import { spawn } from 'node:child_process';

export interface AzLoginOptions {
  clientId: string;
  secret: string;
  tenantId: string;
  subscriptionId: string;
  env: NodeJS.ProcessEnv;
  timeoutInMs?: number;
  scrub: (text: string) => string;
}

function az(
  args: string[],
  env: NodeJS.ProcessEnv,
  timeoutInMs: number,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('az', args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (c: Buffer): void => {
      if (output.length < 16_384) output += c.toString('utf8');
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutInMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(
        new Error(
          `could not start the Azure CLI (az): ${error.message} — the agent image must install azure-cli`,
        ),
      );
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

export async function azLogin(o: AzLoginOptions): Promise<void> {
  const timeout = o.timeoutInMs ?? 120_000;
  const login = await az(
    [
      'login',
      '--service-principal',
      '--username',
      o.clientId,
      '--password',
      o.secret,
      '--tenant',
      o.tenantId,
      '--output',
      'none',
    ],
    o.env,
    timeout,
  );
  if (login.code !== 0) {
    throw new Error(
      `az login as service principal ${o.clientId} failed (exit ${login.code}): ${o.scrub(login.output).trim().slice(-500)} — check the SP secret in Key Vault and that the app registration exists`,
    );
  }
  const select = await az(['account', 'set', '--subscription', o.subscriptionId], o.env, timeout);
  if (select.code !== 0) {
    throw new Error(
      `az account set --subscription ${o.subscriptionId} failed (exit ${select.code}): ${o.scrub(select.output).trim().slice(-500)} — the SP needs a role on the subscription`,
    );
  }
}
