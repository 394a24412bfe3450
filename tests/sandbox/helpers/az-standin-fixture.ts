// The az stand-in's test fixture: a started sandbox, a private az config dir and stand-in log, the stand-in signed in
// as the tenant administrator, and one tagged resource group ('rg-standin') for the tests to fill.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type Sandbox } from '../../../sandbox';
import { runStandin, type StandinOutcome } from '../../../sandbox/az-standin/main';

export const TAGS = ['AzureHayMaker-managed=true', 'ExecutionId=run-1', 'Scenario=standin-test'];

export interface ArmState {
  arm: {
    groups: Record<string, { id: string; tags?: Record<string, string> }>;
    resources: Record<
      string,
      {
        id: string;
        type: string;
        tags?: Record<string, string>;
        location?: string;
        sku?: { name: string };
        properties: Record<string, unknown>;
      }
    >;
    roleAssignments: Record<
      string,
      { properties: { principalId: string; scope: string; roleDefinitionId: string } }
    >;
  };
}

export interface StandinFixture {
  readonly sandbox: Sandbox;
  readonly env: NodeJS.ProcessEnv;
  az(...args: string[]): Promise<StandinOutcome>;
  /** Runs az and answers its stdout; throws with stderr when it exits non-zero. */
  ok(...args: string[]): Promise<string>;
  loginAs(p: { clientId: string; clientSecret: string }): Promise<string>;
  state(): ArmState;
  rgId(name: string): string;
  resource(id: string): ArmState['arm']['resources'][string] | undefined;
}

/** Registers beforeAll/afterAll hooks; call it at the top of a describe block. */
export function useStandinSandbox(): StandinFixture {
  let sandbox: Sandbox | undefined;
  let dir: string | undefined;
  let env: NodeJS.ProcessEnv = {};
  const started = (): Sandbox => {
    if (!sandbox) throw new Error('the az stand-in fixture is used before its beforeAll ran');
    return sandbox;
  };
  const fixture: StandinFixture = {
    get sandbox() {
      return started();
    },
    get env() {
      return env;
    },
    az: (...args) => runStandin(args, env),
    ok: async (...args) => {
      const r = await runStandin(args, env);
      if (r.exitCode !== 0) throw new Error(`az ${args.join(' ')} exited ${r.exitCode}: ${r.stderr}`);
      return r.stdout;
    },
    loginAs: (p) =>
      fixture.ok(
        'login',
        '--service-principal',
        '-u',
        p.clientId,
        '-p',
        p.clientSecret,
        '--tenant',
        started().tenantId,
        '-o',
        'none',
      ),
    state: () => started().state() as unknown as ArmState,
    rgId: (name) => `/subscriptions/${started().subscriptionId}/resourceGroups/${name}`,
    resource: (id) =>
      Object.values(fixture.state().arm.resources).find((r) => r.id.toLowerCase() === id.toLowerCase()),
  };

  beforeAll(async () => {
    sandbox = await startSandbox();
    dir = mkdtempSync(join(tmpdir(), 'haymaker-standin-'));
    env = {
      HAYMAKER_SANDBOX_FILE: sandbox.publicSandboxFile,
      HAYMAKER_AZ_STANDIN_LOG: join(dir, 'az-standin.log'),
      AZURE_LOCATION: 'westeurope',
      AZURE_CONFIG_DIR: join(dir, 'azure'),
    };
    // The tests act as the tenant administrator (Owner, Key Vault and Graph administration).
    await fixture.loginAs(sandbox.principals.admin);
    await fixture.ok(
      'group',
      'create',
      '--name',
      'rg-standin',
      '--location',
      'eastus',
      '--tags',
      ...TAGS,
      '-o',
      'none',
    );
  });
  afterAll(async () => {
    await sandbox?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return fixture;
}
