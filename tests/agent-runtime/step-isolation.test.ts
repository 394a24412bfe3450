import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBash } from '../../agent-runtime/shell/run-bash';
import { runVariables, stepProcessEnv } from '../../agent-runtime/shell/step-environment';
import {
  handOver,
  parseStepUser,
  prepareStepIsolation,
  type StepIsolation,
} from '../../agent-runtime/shell/step-isolation';
import { createHarness, step, type Harness } from '../../testkit/phase-harness';

// The real executor and phase runner, switching steps to an unprivileged user. Only root can switch users:
// CI and the development machines run as root; elsewhere these tests are skipped, and say so.
const isRoot = process.getuid?.() === 0;
const NOBODY = '65534:65534';
const whenRoot = isRoot ? describe : describe.skip;
if (!isRoot)
  process.stderr.write('SKIPPED: step isolation tests need root (the agent switches users only as root)\n');

const identity = {
  runId: 'c0ffee42-7d1e-4b6a-9f00-123456789abc',
  scenarioId: 'compute-00-example-template',
  createdAt: '2026-11-23T12:00:00Z',
  expiresAt: '2026-11-24T00:00:00Z',
  subscriptionId: '6d9a1f3e-0000-4000-8000-00000000a001',
  tenantId: 't',
  location: 'eastus',
  spClientId: 'app',
};
const logs: string[] = [];
const log = (message: string): void => void logs.push(message);

describe('step isolation settings', () => {
  it('reads HAYMAKER_STEP_USER as uid:gid of an unprivileged user', () => {
    expect(parseStepUser('10002:10002')).toEqual({ uid: 10002, gid: 10002 });
    expect(() => parseStepUser('0:0')).toThrow(/unprivileged/);
    expect(() => parseStepUser('haymaker')).toThrow(/uid:gid/);
  });

  it('says loudly that steps share the agent user when no step user is configured', async () => {
    const isolation = await prepareStepIsolation(undefined, log);
    expect(isolation.mode).toBe('same-user');
    expect(logs.join('\n')).toMatch(/STEP ISOLATION OFF/);
    rmSync(isolation.workDir, { recursive: true, force: true });
  });

  it('gives steps a clean environment: no agent credential, identity header or other variable', () => {
    const env = stepProcessEnv(
      {
        PATH: '/usr/bin:/bin',
        IDENTITY_ENDPOINT: 'http://localhost:42356/msi/token',
        IDENTITY_HEADER: 'h',
        ANTHROPIC_API_KEY: 'k',
        SOMETHING_ELSE: 'x',
      },
      runVariables(identity),
    );
    expect(Object.keys(env).filter((k) => !k.startsWith('HAYMAKER_') && !k.startsWith('AZURE_'))).toEqual([
      'PATH',
    ]);
  });
});

whenRoot('steps as a separate user (as root)', () => {
  let isolation: StepIsolation;
  let agentDir: string;
  let harness: Harness;
  const env = (): NodeJS.ProcessEnv =>
    stepProcessEnv({ PATH: process.env.PATH }, runVariables(identity), { HOME: isolation.workDir });

  beforeAll(async () => {
    isolation = await prepareStepIsolation(NOBODY, log);
    agentDir = mkdtempSync(join(tmpdir(), 'haymaker-agent-'));
    writeFileSync(join(agentDir, 'token-cache.json'), '{"secret":"agent-only"}');
    chmodSync(join(agentDir, 'token-cache.json'), 0o600);
    harness = createHarness();
  });
  afterAll(() => {
    rmSync(isolation.workDir, { recursive: true, force: true });
    rmSync(agentDir, { recursive: true, force: true });
    harness.cleanup();
  });

  const asStep = (script: string, runAs = isolation.runAs) =>
    runBash({
      script,
      env: env(),
      timeoutInMs: 10_000,
      outputLimitInBytes: 64 * 1024,
      cwd: isolation.workDir,
      ...(runAs ? { runAs } : {}),
    });

  it('runs the step as the configured user, in its own work directory', async () => {
    expect(isolation.mode).toBe('separate-user');
    const r = await asStep('id -u; pwd; echo hello > own.txt; cat own.txt');
    expect(r.exitCode).toBe(0);
    expect(r.output.trim().split('\n')).toEqual(['65534', isolation.workDir, 'hello']);
  });

  it("cannot read the agent process's environment (/proc/<agent>/environ)", async () => {
    // PATH wherever it stands in the environment (how the runner was started decides the order), at most 200 bytes.
    const script = `cat /proc/${process.pid}/environ | tr '\\0' '\\n' | grep '^PATH=' | head -c 200`;
    const sameUser = await runBash({ script, env: env(), timeoutInMs: 10_000, outputLimitInBytes: 4096 });
    expect(sameUser.exitCode).toBe(0);
    expect(sameUser.output).toContain('PATH=');
    const isolated = await asStep(script);
    expect(isolated.exitCode).not.toBe(0);
    expect(isolated.output).toMatch(/Permission denied/);
    expect(isolated.output).not.toContain('PATH=');
  });

  it("cannot read the agent's files (its token caches), even under /tmp", async () => {
    const r = await asStep(`cat ${join(agentDir, 'token-cache.json')}`);
    expect(r.exitCode).not.toBe(0);
    expect(r.output).not.toContain('agent-only');
  });

  it("reads az's login state once the agent hands it over", async () => {
    const azDir = join(isolation.workDir, '.azure');
    mkdirSync(azDir, { recursive: true });
    writeFileSync(join(azDir, 'azureProfile.json'), '{"subscriptions":[]}');
    chmodSync(join(azDir, 'azureProfile.json'), 0o600);
    expect((await asStep('cat .azure/azureProfile.json')).exitCode).not.toBe(0);
    await handOver(isolation, isolation.workDir);
    const r = await asStep('cat .azure/azureProfile.json');
    expect(r.exitCode).toBe(0);
    expect(r.output).toContain('subscriptions');
  });

  it('the phase runner runs steps as that user: a step the policy allows still cannot read agent files', async () => {
    const secretFile = join(agentDir, 'token-cache.json');
    const result = await harness.run('deploy', [step('Read a file', `cat ${secretFile}`)], { isolation });
    expect(result.succeeded).toBe(false);
    expect(JSON.stringify(harness.sink.events)).not.toContain('agent-only');
    expect(readFileSync(secretFile, 'utf8')).toContain('agent-only');
    const started = harness.sink.events.find((e) => e.type === 'phase_started');
    expect(started?.data).toMatchObject({ stepIsolation: 'separate-user' });
  });
});
