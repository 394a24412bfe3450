// Signs the Azure CLI in as the scenario's service principal. The secret goes to `az` as one argv
// element of spawn (never a shell string, never a log line).
//
// A scenario principal is minutes old when its first job starts, and Entra is eventually consistent: for a while
// the secret is refused (AADSTS7000215), the application is unknown to the token service (AADSTS700016), or the
// login works but ARM lists no subscription because the role assignment has not propagated ("No subscriptions
// found"). Those answers are retried with backoff; any other failure stops at once.
// Sources: https://learn.microsoft.com/entra/identity-platform/reference-error-codes (AADSTS7000215, AADSTS700016)
// and https://learn.microsoft.com/azure/role-based-access-control/troubleshooting (role assignment propagation).
import { spawn } from 'node:child_process';
import pRetry, { AbortError } from 'p-retry';

export interface AzLoginOptions {
  clientId: string;
  secret: string;
  tenantId: string;
  subscriptionId: string;
  env: NodeJS.ProcessEnv;
  timeoutInMs?: number;
  scrub: (text: string) => string;
  /** Waits between attempts (tests pass a recorder instead of real time). */
  sleep?: (ms: number) => Promise<void>;
  log?: (message: string) => void;
}

/** Answers Entra and ARM give while a new principal, its secret or its role assignment are still propagating. */
export const TRANSIENT_LOGIN_ANSWERS: readonly { pattern: RegExp; meaning: string }[] = [
  { pattern: /AADSTS7000215/, meaning: 'the new client secret is not accepted yet' },
  { pattern: /AADSTS700016/, meaning: 'the new application is not known to the token service yet' },
  { pattern: /No subscriptions found/i, meaning: 'the role assignment has not propagated yet' },
  {
    pattern: /subscription .* (?:doesn't|does not) exist|not found in cloud/i,
    meaning: 'the subscription is not visible to the principal yet',
  },
];

/** Waits before attempts 2, 3, …: 5 s doubling to at most 60 s, about six minutes in all (role propagation can take several). */
export const LOGIN_RETRY = { attempts: 9, firstDelayInMs: 5_000, maxDelayInMs: 60_000 } as const;

export function loginDelayMs(failedAttempt: number): number {
  return Math.min(LOGIN_RETRY.maxDelayInMs, LOGIN_RETRY.firstDelayInMs * 2 ** (failedAttempt - 1));
}

export function transientLoginAnswer(output: string): string | undefined {
  return TRANSIENT_LOGIN_ANSWERS.find((t) => t.pattern.test(output))?.meaning;
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

class TransientLoginError extends Error {}

async function loginOnce(o: AzLoginOptions, timeout: number): Promise<void> {
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
  const fail = (what: string, code: number | null, output: string, next: string): never => {
    const text = o.scrub(output).trim().slice(-500);
    const meaning = transientLoginAnswer(output);
    if (meaning) throw new TransientLoginError(`${what} failed (exit ${code}; ${meaning}): ${text}`);
    throw new AbortError(`${what} failed (exit ${code}): ${text} — ${next}`);
  };
  if (login.code !== 0)
    fail(
      `az login as service principal ${o.clientId}`,
      login.code,
      login.output,
      'check the SP secret in Key Vault and that the app registration exists',
    );
  const select = await az(['account', 'set', '--subscription', o.subscriptionId], o.env, timeout);
  if (select.code !== 0)
    fail(
      `az account set --subscription ${o.subscriptionId}`,
      select.code,
      select.output,
      'the SP needs a role at one of the scenario resource groups of this subscription',
    );
}

export async function azLogin(o: AzLoginOptions): Promise<void> {
  const timeout = o.timeoutInMs ?? 120_000;
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  try {
    await pRetry(() => loginOnce(o, timeout), {
      retries: LOGIN_RETRY.attempts - 1,
      // p-retry's own timer is off: the wait happens in onFailedAttempt, with the injectable sleep.
      minTimeout: 0,
      maxTimeout: 0,
      factor: 1,
      randomize: false,
      onFailedAttempt: async (error) => {
        if (error.retriesLeft <= 0) return;
        const delay = loginDelayMs(error.attemptNumber);
        o.log?.(`az login attempt ${error.attemptNumber} failed, retrying in ${delay} ms: ${error.message}`);
        await sleep(delay);
      },
    });
  } catch (error) {
    if (error instanceof TransientLoginError)
      throw new Error(
        `${error.message} — still failing after ${LOGIN_RETRY.attempts} attempts; Entra or ARM did not propagate the new principal in time`,
      );
    throw error;
  }
}
