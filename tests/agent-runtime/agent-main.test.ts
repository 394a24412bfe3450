import { execFile } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PARSER_NODE_ARGS } from '../../core/shell/node-args';
import { parseAgentEvent, type AgentEvent } from '../../core/events';
import { startSandbox, type Sandbox } from '../../sandbox';
import { serviceFactories } from '../../sandbox/services';
import { AnthropicStub, createAnthropicService } from '../../sandbox/anthropic';
import { agentEnvironment } from '../../testkit/agent-environment';
import { grantTemplateScenario, TEMPLATE_SCENARIO } from '../../testkit/template-scenario-principal';

jest.setTimeout(60_000);

// The container's program as it runs in a job: the compiled entry in a child process.
const root = join(__dirname, '..', '..');
const main = join(root, 'dist', 'agent-runtime', 'main.js');
const RUN_ID = 'c0ffee42-7d1e-4b6a-9f00-123456789abc';
const SCENARIO = TEMPLATE_SCENARIO;
const SP_SECRET_NAME = `scenario-sp-${SCENARIO}-c0ffee42-secret`;

function runMain(
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stdout: string; stderr: string; wallMs: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...PARSER_NODE_ARGS, main],
      { env, timeout: 150_000 },
      (error, stdout, stderr) =>
        resolve({
          code: error ? ((error as { code?: number }).code ?? 1) : 0,
          stdout,
          stderr,
          wallMs: Date.now() - started,
        }),
    );
  });
}

describe('agent entry point (dist/agent-runtime/main.js)', () => {
  beforeAll(() => {
    if (!existsSync(main)) throw new Error('dist/ is not built: run `npx tsc -p .` first');
  });

  it('exits 2 and names every bad key of the job contract', async () => {
    const r = await runMain({
      PATH: process.env.PATH,
      HAYMAKER_PHASE: 'operate',
      AZURE_SUBSCRIPTION_ID: 'not-a-guid',
    });
    expect(r.code).toBe(2);
    for (const key of [
      'HAYMAKER_RUN_ID',
      'HAYMAKER_SCENARIO',
      'HAYMAKER_BURST',
      'AZURE_SUBSCRIPTION_ID',
      'HAYMAKER_SP_CLIENT_ID',
      'KEY_VAULT_URL',
      'SERVICE_BUS_NAMESPACE',
      'HAYMAKER_SP_SECRET_NAME',
    ]) {
      expect(r.stdout).toContain(key);
    }
  });

  describe('a whole scenario against the sandbox through its az stand-in', () => {
    let sandbox: Sandbox;
    const model = new AnthropicStub();
    let dir: string;
    let baseEnv: NodeJS.ProcessEnv;
    let SP_SECRET: string;
    let spClientId: string;

    beforeAll(async () => {
      sandbox = await startSandbox({
        services: [
          ...serviceFactories.filter((f) => f !== createAnthropicService),
          () => createAnthropicService(model),
        ],
      });
      // The scenario's principal with what the orchestrator gives a scenario (testkit/template-scenario-principal.ts):
      // its resource group and Contributor there only, its secret in the vault. Its az calls run with exactly these.
      const granted = await grantTemplateScenario(sandbox, SP_SECRET_NAME);
      SP_SECRET = granted.spSecret;
      spClientId = granted.spClientId;
      const vault = granted.vault;
      await vault.setSecret('anthropic-api-key', 'sk-ant-api03-test-key-from-the-vault-000000');
      dir = mkdtempSync(join(tmpdir(), 'haymaker-agent-main-'));
      copyFileSync(join(root, 'scenarios', 'SCENARIO_TEMPLATE.md'), join(dir, `${SCENARIO}.md`));
      baseEnv = {
        ...agentEnvironment(sandbox, {
          dir,
          runId: RUN_ID,
          scenarioId: SCENARIO,
          spClientId,
          spSecretName: SP_SECRET_NAME,
        }),
        ANTHROPIC_BASE_URL: sandbox.endpoints.anthropic,
      };
    });

    afterAll(async () => {
      await sandbox?.stop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    const queued = (): AgentEvent[] => {
      const state = sandbox.state() as {
        serviceBus: { messages: Record<string, { active: { messageId: string; body: unknown }[] }> };
      };
      return (state.serviceBus.messages['agent-events']?.active ?? []).map((m) => {
        const parsed = parseAgentEvent(m.body);
        if (!parsed.ok) throw new Error(`invalid event on the queue: ${parsed.error}`);
        expect(m.messageId).toBe(parsed.value.eventId);
        return parsed.value;
      });
    };

    it("judges commands against the scenario's own resource groups: a sibling group of the same run is refused", async () => {
      // Both names carry the run's short id; only the one the front matter declares is the scenario's. Runs before the
      // whole scenario below, whose cleanup deletes the group that holds the principal's only role (az login would
      // then find no subscription).
      const sibling = join(dir, 'sibling');
      mkdirSync(sibling);
      const template = readFileSync(join(root, 'scenarios', 'SCENARIO_TEMPLATE.md'), 'utf8');
      const own = 'az group create --name "$RG" --location "$AZURE_LOCATION" --tags $HAYMAKER_TAGS';
      expect(template).toContain(own);
      writeFileSync(
        join(sibling, `${SCENARIO}.md`),
        template.replace(own, 'az group delete --name "haymaker-compute99-${HAYMAKER_RUN_SHORT}" --yes'),
      );
      const runId = 'deadbeef-0000-4000-8000-000000000002';
      const r = await runMain({
        ...baseEnv,
        HAYMAKER_PHASE: 'deploy',
        HAYMAKER_RUN_ID: runId,
        HAYMAKER_SCENARIOS_DIR: sibling,
      });
      expect(r.code).toBe(1);
      // This run's own events (the queue also holds the other tests' runs).
      const refused = queued().filter((e) => e.runId === runId && e.type === 'command_refused');
      expect(refused.map((e) => e.data.rule)).toEqual(['delete.run-owned']);
      expect(String(refused[0]!.data.reason)).toContain('haymaker-compute00-deadbeef');
    }, 240_000);

    it('runs deploy, one operation burst (repair disabled: no key) and cleanup; every event reaches the broker, the last of each phase is phase_completed', async () => {
      const deploy = await runMain({ ...baseEnv, HAYMAKER_PHASE: 'deploy' });
      expect({ code: deploy.code, stdout: deploy.code === 0 ? '' : deploy.stdout }).toEqual({
        code: 0,
        stdout: '',
      });
      const arm = (): {
        groups: Record<string, { tags?: Record<string, string> }>;
        resources: Record<string, { tags?: Record<string, string> }>;
      } => (sandbox.state() as { arm: never }).arm;
      // In the target subscription (the platform one holds HayMaker's own resources).
      const deployed = [...Object.values(arm().groups), ...Object.values(arm().resources)].filter((r) =>
        (r as { id?: string }).id?.startsWith(`/subscriptions/${sandbox.subscriptionId}/`),
      );
      expect(deployed.length).toBeGreaterThanOrEqual(2);
      expect(
        deployed.every((r) => r.tags?.ExecutionId === RUN_ID && r.tags?.['AzureHayMaker-managed'] === 'true'),
      ).toBe(true);
      // The burst runs without an Anthropic key in the vault: repair is disabled, said once, the phase still runs.
      const operate = await runMain({
        ...baseEnv,
        HAYMAKER_PHASE: 'operate',
        HAYMAKER_BURST: '0',
        ANTHROPIC_API_KEY_SECRET_NAME: 'no-such-secret',
      });
      expect(operate.code).toBe(0);
      expect(operate.stdout.match(/repair disabled/g)).toHaveLength(1);
      const cleanup = await runMain({ ...baseEnv, HAYMAKER_PHASE: 'cleanup' });
      expect(cleanup.code).toBe(0);

      const events = queued().filter((e) => e.runId === RUN_ID);
      const byPhase = (phase: string): string[] => events.filter((e) => e.phase === phase).map((e) => e.type);
      expect(byPhase('deploy')).toEqual([
        'phase_started',
        'resource_created',
        'resource_created',
        'phase_completed',
      ]);
      expect(byPhase('operate')).toEqual([
        'phase_started',
        'operation_performed',
        'operation_performed',
        'phase_completed',
      ]);
      expect(byPhase('cleanup')).toEqual(['phase_started', 'resource_deleted', 'phase_completed']);
      const rg = `/subscriptions/${sandbox.subscriptionId}/resourceGroups/haymaker-compute00-c0ffee42`;
      expect(events.find((e) => e.type === 'resource_deleted')?.data.resourceId).toBe(rg);
      expect(events.find((e) => e.type === 'phase_completed')?.data).toMatchObject({
        tokens: { input: 0, output: 0 },
        repairCalls: 0,
      });
      expect(model.requests()).toHaveLength(0);
      expect(
        events.filter((e) => e.type === 'phase_started').map((e) => [e.phase, e.data.repairEnabled]),
      ).toEqual([
        ['deploy', true],
        ['operate', false],
        ['cleanup', true],
      ]);

      // Nothing the run made is left.
      expect(
        [...Object.values(arm().groups), ...Object.values(arm().resources)].filter(
          (r) => r.tags?.ExecutionId === RUN_ID,
        ),
      ).toEqual([]);
      const calls = readFileSync(join(dir, 'az-standin.log'), 'utf8');
      expect(calls).toMatch(
        new RegExp(`"login","--service-principal","--username","${spClientId}","--password","\\*\\*\\*"`),
      );
      expect(calls).not.toContain(SP_SECRET);
      expect(deploy.stdout + operate.stdout + cleanup.stdout).not.toContain(SP_SECRET);
      console.log(
        `agent wall time per phase (ms): deploy ${deploy.wallMs}, operate ${operate.wallMs}, cleanup ${cleanup.wallMs}`,
      );
      // Three agent processes, each starting node and the az stand-in per command: on a loaded 2-core machine
      // (load average above 20 seen) one phase alone took over 40 s, so the budget is generous.
    }, 480_000);

    it('reports a failing phase with phase_failed and a non-zero exit', async () => {
      const before = queued().length;
      const r = await runMain({
        ...baseEnv,
        HAYMAKER_PHASE: 'deploy',
        HAYMAKER_RUN_ID: 'deadbeef-0000-4000-8000-000000000001',
        HAYMAKER_SCENARIOS_DIR: join(dir, 'missing'),
      });
      expect(r.code).toBe(1);
      const added = queued().slice(before);
      expect(added.map((e) => e.type)).toEqual(['phase_failed']);
      expect(String(added[0].data.error)).toContain('could not read scenario');
    });
  });
});
