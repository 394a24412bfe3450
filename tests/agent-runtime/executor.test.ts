import { generateKeyPairSync } from 'node:crypto';
import { runBash } from '../../agent-runtime/shell/run-bash';
import { createScrubber } from '../../core/scrub';
import { resolveVariables } from '../../agent-runtime/shell/resolve-variables';
import {
  runVariables,
  stepProcessEnv,
  stepScript,
  variablesPrelude,
} from '../../agent-runtime/shell/step-environment';

const identity = {
  runId: 'c0ffee42-7d1e-4b6a-9f00-123456789abc',
  scenarioId: 'compute-00-example-template',
  createdAt: '2026-11-23T12:00:00Z',
  expiresAt: '2026-11-24T00:00:00Z',
  subscriptionId: '6d9a1f3e-0000-4000-8000-00000000a001',
  tenantId: 'tenant-1',
  location: 'westeurope',
  spClientId: 'sp-app-id',
};
const base = { timeoutInMs: 10_000, outputLimitInBytes: 64 * 1024 };
const env = stepProcessEnv(
  {
    PATH: process.env.PATH,
    ANTHROPIC_API_KEY: 'sk-ant-should-not-leak',
    HAYMAKER_SP_SECRET: 'also-hidden',
    IDENTITY_ENDPOINT: 'http://localhost:42356/msi/token',
    IDENTITY_HEADER: 'mi-header',
  },
  runVariables(identity),
);

describe('bash executor', () => {
  it('runs a successful step and captures stdout and stderr', async () => {
    const r = await runBash({ ...base, script: 'echo out; echo err >&2', env });
    expect(r).toMatchObject({ exitCode: 0, timedOut: false, truncated: false });
    expect(r.output).toContain('out');
    expect(r.output).toContain('err');
  });

  it('fails on the first failing command, an unset variable, or a failing pipe member (-euo pipefail)', async () => {
    expect((await runBash({ ...base, script: 'false; echo never', env })).exitCode).toBe(1);
    const unset = await runBash({ ...base, script: 'echo "$NOT_SET_ANYWHERE"', env });
    expect(unset.exitCode).not.toBe(0);
    expect(unset.output).toContain('NOT_SET_ANYWHERE');
    expect((await runBash({ ...base, script: 'exit 3 | cat', env })).exitCode).toBe(3);
  });

  it('kills the whole process group when the step times out', async () => {
    const started = Date.now();
    const r = await runBash({
      ...base,
      timeoutInMs: 300,
      killGraceInMs: 200,
      script: 'sleep 30 & sleep 30; echo never',
      env,
    });
    expect(r.timedOut).toBe(true);
    expect(r.exitCode).not.toBe(0);
    expect(r.output).not.toContain('never');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('keeps the head and tail of output over the limit', async () => {
    const r = await runBash({
      ...base,
      outputLimitInBytes: 1000,
      script: 'echo FIRST; for i in $(seq 1 2000); do echo line-$i; done; echo LAST',
      env,
    });
    expect(r.truncated).toBe(true);
    expect(r.output).toContain('FIRST');
    expect(r.output).toContain('LAST');
    expect(r.output).toMatch(/of output omitted/);
    expect(r.output.length).toBeLessThan(1200);
  });

  it('scrubs the output before cutting it, so a key cut in half is still removed', async () => {
    const pem = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    }).privateKey;
    const bodyLines = pem.split('\n').filter((l) => l !== '' && !l.startsWith('-----'));
    // 900 bytes of text first, so a 1000-byte limit (500 head + 500 tail) cuts inside the key.
    const script = `printf 'x%.0s' $(seq 1 300); echo; cat <<'KEY'\n${pem}KEY\nprintf 'y%.0s' $(seq 1 400); echo`;
    const unscrubbed = await runBash({ ...base, outputLimitInBytes: 1000, script, env });
    expect(bodyLines.some((l) => unscrubbed.output.includes(l))).toBe(true);
    const r = await runBash({ ...base, outputLimitInBytes: 1000, script, env, scrub: createScrubber([]) });
    expect(r.truncated).toBe(true);
    for (const line of bodyLines) expect(r.output).not.toContain(line.slice(0, 40));
    expect(r.output).toContain('yyyy');
  });

  it('scrubs the output before cutting it when the middle is dropped too', async () => {
    const secret = 'known-secret-value-123456';
    const script = `for i in $(seq 1 9000); do echo "filler line $i"; done; echo "pw=${secret.slice(0, 10)}"; echo "${secret.slice(10)} end"`;
    const r = await runBash({
      ...base,
      outputLimitInBytes: 1000,
      script,
      env,
      scrub: createScrubber([secret]),
    });
    expect(r.output).toMatch(/of output omitted/);
    expect(r.output.replace(/\s+/g, '')).not.toContain(secret);
  });

  it('exports the run variables and the front-matter variables in order, bash-expanded', async () => {
    const prelude = variablesPrelude([
      ['RG', 'haymaker-compute00-${HAYMAKER_RUN_SHORT}'],
      ['STORAGE', 'hmc00${HAYMAKER_RUN_SHORT}'],
      ['DERIVED', '$RG-logs'],
    ]);
    const r = await runBash({
      ...base,
      script: stepScript(
        prelude,
        'echo "$HAYMAKER_RUN_ID|$HAYMAKER_RUN_SHORT|$HAYMAKER_SCENARIO|$AZURE_LOCATION|$AZURE_SUBSCRIPTION_ID|$RG|$STORAGE|$DERIVED"; echo "$HAYMAKER_TAGS"',
      ),
      env,
    });
    const [values, tags] = r.output.trim().split('\n');
    expect(values).toBe(
      `${identity.runId}|c0ffee42|${identity.scenarioId}|westeurope|${identity.subscriptionId}|haymaker-compute00-c0ffee42|hmc00c0ffee42|haymaker-compute00-c0ffee42-logs`,
    );
    expect(tags).toBe(
      `AzureHayMaker-managed=true Scenario=${identity.scenarioId} Owner=AzureHayMaker ExecutionId=${identity.runId} CreatedAt=2026-11-23T12:00:00.000Z ExpiresAt=2026-11-24T00:00:00.000Z`,
    );
  });

  it('withholds the agent credentials and its managed-identity endpoint from the step environment', async () => {
    const r = await runBash({
      ...base,
      script:
        'echo "[${ANTHROPIC_API_KEY-unset}][${HAYMAKER_SP_SECRET-unset}][${IDENTITY_ENDPOINT-unset}][${IDENTITY_HEADER-unset}]"',
      env,
    });
    expect(r.output.trim()).toBe('[unset][unset][unset][unset]');
  });

  it('resolves variables once for the policy', async () => {
    const prelude = variablesPrelude([
      ['RG', 'rg-${HAYMAKER_RUN_SHORT}'],
      ['QUOTED', 'say "hi"'],
    ]);
    await expect(resolveVariables(prelude, ['RG', 'QUOTED'], env)).resolves.toEqual({
      RG: 'rg-c0ffee42',
      QUOTED: 'say "hi"',
    });
  });

  it('refuses a variable name that is not a shell identifier', () => {
    expect(() => variablesPrelude([['BAD-NAME', 'x']])).toThrow(/not a shell identifier/);
  });
});
