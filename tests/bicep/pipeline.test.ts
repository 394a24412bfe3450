// azure.yaml and the deployment workflow agree with the Bicep tree and keep their order: validate → infrastructure →
// agent image → function app → smoke test, each job needing the one before so a failure stops the rest.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const repository = join(__dirname, '..', '..');
const read = (path: string): unknown => parse(readFileSync(join(repository, path), 'utf8'));

interface Workflow {
  permissions: Record<string, string>;
  jobs: Record<
    string,
    { needs?: string | string[]; steps: { uses?: string; run?: string; with?: Record<string, unknown> }[] }
  >;
}

describe('deployment pipeline', () => {
  it('azure.yaml provisions bicep/main.bicep with its parameter file and deploys the Function App', () => {
    const azure = read('azure.yaml') as {
      infra: { provider: string; path: string; module: string };
      services: Record<string, { host: string }>;
      hooks: Record<string, { run: string }>;
    };
    expect(azure.infra.provider).toBe('bicep');
    expect(existsSync(join(repository, azure.infra.path, `${azure.infra.module}.bicep`))).toBe(true);
    expect(existsSync(join(repository, azure.infra.path, `${azure.infra.module}.bicepparam`))).toBe(true);
    expect(azure.services.api.host).toBe('function');
    // The service is found by the azd-service-name tag on the site.
    expect(readFileSync(join(repository, 'bicep/modules/function-app.bicep'), 'utf8')).toContain(
      "'azd-service-name': 'api'",
    );
    expect(existsSync(join(repository, azure.hooks.postdeploy.run))).toBe(true);
  });

  it('the workflow logs in with OIDC and chains every stage so the first failure stops the rest', () => {
    const workflow = read('.github/workflows/deploy.yml') as Workflow;
    expect(workflow.permissions['id-token']).toBe('write');
    const needs = (job: string) => ([] as string[]).concat(workflow.jobs[job].needs ?? []);
    expect(needs('validate')).toEqual([]);
    expect(needs('deploy-infrastructure')).toEqual(['validate']);
    expect(needs('build-agent-image')).toEqual(['deploy-infrastructure']);
    expect(needs('deploy-function-app')).toContain('build-agent-image');
    expect(needs('smoke-test')).toContain('deploy-function-app');
    const allSteps = Object.values(workflow.jobs).flatMap((j) => j.steps);
    const logins = allSteps.filter((s) => s.uses?.startsWith('azure/login@'));
    expect(logins.length).toBeGreaterThan(0);
    for (const login of logins) expect(Object.keys(login.with ?? {})).not.toContain('creds'); // OIDC, no secret
  });

  it('the workflow validates with bicep build and what-if, and smoke-tests /api/v1/health', () => {
    const workflow = read('.github/workflows/deploy.yml') as Workflow;
    const runs = (job: string) => workflow.jobs[job].steps.map((s) => s.run ?? '').join('\n');
    expect(runs('validate')).toMatch(/az bicep build --file bicep\/main\.bicep/);
    expect(runs('validate')).toMatch(/az deployment sub what-if/);
    expect(runs('validate')).toMatch(/node dist\/bicep\/checks\/main\.js/);
    expect(runs('deploy-infrastructure')).toMatch(/az deployment sub create/);
    expect(runs('build-agent-image')).toMatch(/docker push/);
    expect(runs('smoke-test')).toContain('/api/v1/health');
    expect(runs('smoke-test')).toMatch(/curl --fail/);
  });

  it('the Graph grant script and the azd hook are executable and parse', () => {
    for (const [script, shell] of [
      ['scripts/grant-graph-permission.sh', 'bash'],
      ['bicep/hooks/push-agent-image.sh', 'sh'],
    ]) {
      const path = join(repository, script);
      expect(statSync(path).mode & 0o111).not.toBe(0);
      const parsed = spawnSync(shell, ['-n', path], { encoding: 'utf8', timeout: 10_000 });
      expect(parsed.stderr).toBe('');
      expect(parsed.status).toBe(0);
    }
    expect(readFileSync(join(repository, 'scripts/grant-graph-permission.sh'), 'utf8')).toContain(
      'Application.ReadWrite.OwnedBy',
    );
  });

  it('the Graph grant script refuses to run without a principal id', () => {
    const run = spawnSync('bash', [join(repository, 'scripts/grant-graph-permission.sh')], {
      encoding: 'utf8',
      timeout: 10_000,
      env: { PATH: process.env.PATH ?? '' },
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/usage: .*<orchestrator-principal-id>/);
  });
});
