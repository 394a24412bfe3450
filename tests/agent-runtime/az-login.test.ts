// The agent's sign-in retries the answers Entra and ARM give while a new principal propagates, with backoff, and
// stops at once on anything else. A scripted `az` on PATH plays Entra: it fails the first N calls with a given text.
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { azLogin, LOGIN_RETRY, loginDelayMs } from '../../agent-runtime/azure/az-login';

const SECRET = 'abc1Q~scenario-secret-that-must-not-leak-xyz';

function scriptedAz(dir: string, failures: number, failText: string, failOn: 'login' | 'account'): string {
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  const script = `#!/bin/bash
echo "$1" >> "${dir}/calls"
n=$(cat "${dir}/count" 2>/dev/null || echo 0)
if [ "$1" = "${failOn}" ] && [ "$n" -lt ${failures} ]; then
  echo $((n+1)) > "${dir}/count"
  echo "ERROR: ${failText}" >&2
  exit 1
fi
exit 0
`;
  writeFileSync(join(bin, 'az'), script);
  chmodSync(join(bin, 'az'), 0o755);
  return bin;
}

describe('azLogin: the scenario principal signs in despite Entra and ARM propagation lags', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'haymaker-az-login-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const login = (bin: string, delays: number[]) =>
    azLogin({
      clientId: '11111111-2222-3333-4444-555555555555',
      secret: SECRET,
      tenantId: '99999999-2222-3333-4444-555555555555',
      subscriptionId: '77777777-2222-3333-4444-555555555555',
      env: { PATH: `${bin}:${process.env.PATH ?? ''}` },
      scrub: (t) => t.split(SECRET).join('***'),
      sleep: async (ms) => {
        delays.push(ms);
      },
    });
  const calls = () => readFileSync(join(dir, 'calls'), 'utf8').trim().split('\n');

  it.each([
    [
      'AADSTS7000215',
      'AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.',
    ],
    [
      'AADSTS700016',
      "AADSTS700016: Application with identifier '11111111-2222-3333-4444-555555555555' was not found in the directory 'contoso'.",
    ],
    ['No subscriptions found', 'No subscriptions found for 11111111-2222-3333-4444-555555555555.'],
  ])('retries %s with backoff until the login succeeds', async (_code, text) => {
    const delays: number[] = [];
    await login(scriptedAz(dir, 3, text, 'login'), delays);
    expect(calls()).toEqual(['login', 'login', 'login', 'login', 'account']);
    expect(delays).toEqual([loginDelayMs(1), loginDelayMs(2), loginDelayMs(3)]);
    expect(delays).toEqual([5_000, 10_000, 20_000]);
  });

  it('retries a subscription ARM does not show yet (the role assignment is still propagating)', async () => {
    const delays: number[] = [];
    await login(
      scriptedAz(
        dir,
        2,
        "The subscription of '77777777-2222-3333-4444-555555555555' doesn't exist in cloud 'AzureCloud'.",
        'account',
      ),
      delays,
    );
    expect(calls()).toEqual(['login', 'account', 'login', 'account', 'login', 'account']);
    expect(delays).toHaveLength(2);
  });

  it('stops at once on an answer that waiting cannot fix, and never shows the secret', async () => {
    const delays: number[] = [];
    const error = await login(
      scriptedAz(dir, 99, `AADSTS90002: Tenant '99999999' not found. secret=${SECRET}`, 'login'),
      delays,
    ).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain('AADSTS90002');
    expect((error as Error).message).not.toContain(SECRET);
    expect(calls()).toEqual(['login']);
    expect(delays).toEqual([]);
  });

  it('gives up after the last attempt with what Entra still answered', async () => {
    const delays: number[] = [];
    const error = await login(
      scriptedAz(dir, 99, 'AADSTS7000215: Invalid client secret provided.', 'login'),
      delays,
    ).catch((e: Error) => e);
    expect((error as Error).message).toMatch(/AADSTS7000215.*after 9 attempts/s);
    expect(calls()).toHaveLength(LOGIN_RETRY.attempts);
    // About six minutes of backoff in all: longer than Entra's usual propagation, bounded well below a phase deadline.
    expect(delays.reduce((a, b) => a + b, 0)).toBe(5_000 + 10_000 + 20_000 + 40_000 + 4 * 60_000);
  });
});
