import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The CLI runs from dist/ (npm test builds first; alone: `npx tsc -p .`).
const bin = join(__dirname, '..', '..', 'bin', 'haymaker.js');
const SUB = '6d9a1f3e-0000-4000-8000-00000000a001';

function policyCheck(
  args: string[],
  stdin: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [bin, 'policy', 'check', ...args],
      { timeout: 20_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin?.end(stdin);
  });
}

describe('haymaker policy check (compiled CLI)', () => {
  let dir: string;
  beforeAll(() => {
    if (!existsSync(join(__dirname, '..', '..', 'dist', 'cli', 'commands', 'policy.js')))
      throw new Error('dist/ is not built: run `npx tsc -p .` first');
    dir = mkdtempSync(join(tmpdir(), 'haymaker-policy-cli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints one JSON verdict per input line', async () => {
    const ids = join(dir, 'ids.json');
    writeFileSync(ids, JSON.stringify(['5b1e2c3d-aaaa-4bbb-8ccc-0123456789ab']));
    const input = [
      'az group create -n hm-c0ffee42 -l eastus',
      'az ad app delete --id 5b1e2c3d-aaaa-4bbb-8ccc-0123456789ab',
      'az ad app delete --id 00000000-1111-2222-3333-444444444444',
      '',
      `az role assignment create --assignee x --role Reader --scope /subscriptions/99999999-9999-4999-8999-999999999999`,
    ].join('\n');
    const r = await policyCheck(
      ['--run-id', 'c0ffee42-7d1e-4b6a-9f00-123456789abc', '--subscription', SUB, '--created-ids', ids],
      input,
    );
    expect(r.code).toBe(0);
    const verdicts = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(verdicts.map((v) => [v.allowed, v.rule])).toEqual([
      [true, 'tags.injected'],
      [true, 'ok'],
      [false, 'entra.run-objects'],
      [false, 'az.subscription-pinned'],
    ]);
    expect(verdicts[0]).toEqual({
      command: 'az group create -n hm-c0ffee42 -l eastus',
      allowed: true,
      rule: 'tags.injected',
      rewritten: 'az group create -n hm-c0ffee42 -l eastus --tags $HAYMAKER_TAGS',
    });
  });

  it('injects literal tags when given the scenario', async () => {
    const r = await policyCheck(
      [
        '--run-id',
        'c0ffee42-7d1e-4b6a-9f00-123456789abc',
        '--subscription',
        SUB,
        '--scenario',
        'compute-00-example-template',
        '--created-at',
        '2026-11-23T12:00:00Z',
        '--expires-at',
        '2026-11-24T00:00:00Z',
      ],
      'az group create -n hm-c0ffee42\n',
    );
    expect(JSON.parse(r.stdout).rewritten).toBe(
      'az group create -n hm-c0ffee42 --tags AzureHayMaker-managed=true Scenario=compute-00-example-template Owner=AzureHayMaker ExecutionId=c0ffee42-7d1e-4b6a-9f00-123456789abc CreatedAt=2026-11-23T12:00:00.000Z ExpiresAt=2026-11-24T00:00:00.000Z',
    );
  });

  it('is a usage error without the required options', async () => {
    const r = await policyCheck(['--run-id', 'c0ffee42-aaaa'], '');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--subscription');
  });
});
