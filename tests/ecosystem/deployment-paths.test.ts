// azd and the GitHub workflows agree: one package (build/functionapp, deployed as built), one parameter file whose
// profiles are the workflow's environments, Node from .nvmrc within package.json's engines, actions pinned to commits,
// a PR workflow that runs `npm ci && npm test` and builds the agent image, and a postdeploy hook that checks the az
// sign-in first. azure.yaml is validated against azd's own schema (fixtures/azd, with its source).
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2019 from 'ajv/dist/2019';
import addFormats from 'ajv-formats';
import semver from 'semver';
import { parse } from 'yaml';
import { DEFAULT_PACKAGE_DIR } from '../../packaging/app-package';

const repository = join(__dirname, '..', '..');
const text = (path: string) => readFileSync(join(repository, path), 'utf8');
const yamlFile = <T>(path: string) => parse(text(path)) as T;

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  on: Record<string, unknown>;
  env?: Record<string, string>;
  jobs: Record<string, { container?: string; steps: Step[]; env?: Record<string, string> }>;
}
interface AzureYaml {
  services: Record<
    string,
    { dist?: string; remoteBuild?: boolean; hooks?: Record<string, { run: string }>; host: string }
  >;
}

const azureYaml = yamlFile<AzureYaml>('azure.yaml');
const deploy = yamlFile<Workflow>('.github/workflows/deploy.yml');
const ci = yamlFile<Workflow>('.github/workflows/ci.yml');
const runs = (workflow: Workflow, job: string) =>
  workflow.jobs[job]!.steps.map((s) => s.run ?? '').join('\n');

describe('azure.yaml', () => {
  it("is valid against azd's schema", () => {
    const schemaText = text('tests/ecosystem/fixtures/azd/azure.yaml.json');
    const schema = JSON.parse(schemaText) as object;
    const ajv = new Ajv2019({ strict: false, allErrors: true });
    addFormats(ajv);
    // The schema refers to azd extensions' schemas (AI agents, projects…) for hosts this project does not use; they
    // stand in as "anything" so the rest is checked (fixtures/azd/SOURCE.md).
    for (const [, url] of schemaText.matchAll(/"\$ref": "(https:[^"#]+)"/g))
      if (!ajv.getSchema(url!)) ajv.addSchema({ $id: url }, url);
    const validate = ajv.compile(schema);
    expect(validate(azureYaml) ? [] : validate.errors).toEqual([]);
  });

  it('deploys the one package as built: dist is the package folder, remoteBuild false, packaged before', () => {
    const api = azureYaml.services.api!;
    expect(api.host).toBe('function');
    expect(api.dist).toBe(DEFAULT_PACKAGE_DIR.split('\\').join('/'));
    expect(api.remoteBuild).toBe(false);
    expect(api.hooks?.prepackage?.run).toMatch(/npm run package:app/);
    // azd refuses remoteBuild: false when a .funcignore at the project root excludes node_modules, and the package
    // carries its own selection: there is none.
    expect(existsSync(join(repository, '.funcignore'))).toBe(false);
  });
});

describe('the deploy workflow', () => {
  it('deploys the same package folder, built by the same script, without a remote build', () => {
    expect(runs(deploy, 'deploy-function-app')).toMatch(/npm ci\s+npm run package:app/);
    const step = deploy.jobs['deploy-function-app']!.steps.find((s) =>
      s.uses?.startsWith('Azure/functions-action@'),
    );
    expect(step?.with).toMatchObject({
      package: azureYaml.services.api!.dist,
      sku: 'flexconsumption',
      'remote-build': 'false',
    });
  });

  it("provisions with bicep/main.bicepparam and AZURE_ENV_NAME, whose profiles are the workflow's environments", () => {
    expect(existsSync(join(repository, 'bicep', 'parameters'))).toBe(false);
    for (const job of ['validate', 'deploy-infrastructure'])
      for (const command of runs(deploy, job).match(
        /az deployment sub (what-if|create)[^]*?--parameters \S+/g,
      ) ?? [])
        expect(command).toMatch(/--parameters bicep\/main\.bicepparam$/);
    expect(runs(deploy, 'validate')).toContain('az bicep build-params --file bicep/main.bicepparam');
    expect(deploy.env?.AZURE_ENV_NAME).toBe("${{ inputs.environment || 'dev' }}");
    const choices = (deploy.on.workflow_dispatch as { inputs: { environment: { options: string[] } } }).inputs
      .environment.options;
    const block = /var profiles = \{\n([^]*?)\n\}/.exec(text('bicep/main.bicepparam'))?.[1] ?? '';
    const profiles = [...block.matchAll(/^ {2}([a-z]+): \{$/gm)].map((m) => m[1]);
    expect(profiles.sort()).toEqual([...choices].sort());
    expect(text('.github/workflows/deploy.yml')).not.toMatch(/DEPLOYER_PRINCIPAL_ID/);
  });
});

describe('the pull request workflow', () => {
  it('runs on pull requests: npm ci and npm test through .ci/run, and builds the agent image', () => {
    expect(Object.keys(ci.on)).toContain('pull_request');
    expect(runs(ci, 'test').trim()).toBe('.ci/run');
    const ciRun = text('.ci/run');
    expect(ciRun).toMatch(/^npm ci --no-audit --no-fund$/m);
    expect(ciRun).toMatch(/^npm test$/m);
    expect(ciRun).not.toMatch(/npm install/);
    expect(runs(ci, 'agent-image')).toMatch(/docker build --file agent-runtime\/Dockerfile/);
    expect(text('agent-runtime/Dockerfile')).toMatch(
      /COPY agent-runtime\/package\.json agent-runtime\/package-lock\.json/,
    );
    expect(text('agent-runtime/Dockerfile')).toMatch(/RUN npm ci /);
  });
});

describe('versions', () => {
  const workflows = readdirSync(join(repository, '.github', 'workflows')).map(
    (f) => `.github/workflows/${f}`,
  );

  it('pins every action to a full commit, with the release it is beside it', () => {
    for (const file of workflows)
      for (const line of text(file)
        .split('\n')
        .filter((l) => /^\s*(-\s+)?uses:/.test(l)))
        expect({ file, line: line.trim() }).toEqual({
          file,
          line: expect.stringMatching(/uses: [\w.-]+\/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/),
        });
  });

  it('runs Node from .nvmrc, a version package.json engines accepts (the Node Azure runs: 22)', () => {
    const nvmrc = text('.nvmrc').trim();
    const engines = (JSON.parse(text('package.json')) as { engines: { node: string } }).engines.node;
    expect(semver.satisfies(nvmrc, engines)).toBe(true);
    expect(semver.major(nvmrc)).toBe(22);
    expect(ci.jobs.test!.container).toBe(`node:${nvmrc}-bookworm`);
    for (const file of workflows)
      for (const step of Object.values(yamlFile<Workflow>(file).jobs).flatMap((j) => j.steps))
        if (step.uses?.startsWith('actions/setup-node@'))
          expect(step.with).toMatchObject({ 'node-version-file': '.nvmrc' });
    expect(text('bicep/modules/function-app.bicep')).toMatch(/name: 'node'\s+version: '22'/);
  });
});

describe('the azd postdeploy hook', () => {
  const hook = join(repository, 'bicep', 'hooks', 'push-agent-image.sh');
  let bin: string;
  beforeEach(() => (bin = mkdtempSync(join(tmpdir(), 'haymaker-hook-'))));
  afterEach(() => rmSync(bin, { recursive: true, force: true }));

  /** An `az` (and `azd`) that log their arguments; `az account show` fails unless signed in. */
  function fakeTools(signedIn: boolean): string {
    const log = join(bin, 'calls.log');
    writeFileSync(
      join(bin, 'az'),
      `#!/bin/sh\necho "az $*" >> "${log}"\nif [ "$1" = account ]; then ${signedIn ? 'exit 0' : 'echo "Please run az login" >&2; exit 1'}; fi\nexit 0\n`,
    );
    writeFileSync(join(bin, 'azd'), `#!/bin/sh\necho "azd $*" >> "${log}"\n`);
    chmodSync(join(bin, 'az'), 0o755);
    chmodSync(join(bin, 'azd'), 0o755);
    return log;
  }

  const env = {
    AZURE_CONTAINER_REGISTRY_NAME: 'crabc',
    AZURE_CONTAINER_REGISTRY_ENDPOINT: 'crabc.azurecr.io',
    AZURE_RESOURCE_GROUP: 'rg-haymaker-dev',
    CONTAINER_APPS_JOB_NAME: 'caj-agent-abc',
    AZURE_SUBSCRIPTION_ID: '00000000-0000-0000-0000-000000000001',
    AZURE_TENANT_ID: '00000000-0000-0000-0000-0000000000aa',
  };
  const runHook = () =>
    spawnSync('sh', [hook], {
      cwd: repository,
      encoding: 'utf8',
      timeout: 20_000,
      env: { ...env, PATH: `${bin}:/usr/bin:/bin` },
    });

  it('stops before building when az is not signed in, and says what to run', () => {
    const log = fakeTools(false);
    const r = runHook();
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`az login --tenant ${env.AZURE_TENANT_ID}`);
    expect(r.stderr).toContain('azd hooks run postdeploy');
    expect(readFileSync(log, 'utf8')).not.toMatch(/acr build/);
  });

  it('builds in the registry and points the job at the image, on the azd subscription, when signed in', () => {
    const log = fakeTools(true);
    const r = runHook();
    expect(r.status).toBe(0);
    const calls = readFileSync(log, 'utf8');
    expect(calls).toMatch(
      new RegExp(`az acr build --subscription ${env.AZURE_SUBSCRIPTION_ID} --registry crabc`),
    );
    expect(calls).toMatch(
      /az containerapp job update --subscription \S+ --name caj-agent-abc --resource-group rg-haymaker-dev --image crabc\.azurecr\.io\/haymaker-agent:/,
    );
    expect(calls).toMatch(/azd env set AGENT_IMAGE crabc\.azurecr\.io\/haymaker-agent:/);
  });
});
