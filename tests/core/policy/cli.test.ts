import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The CLI runs from dist/ (npm test builds first; alone: `npx tsc -p .`).
const root = join(__dirname, '..', '..', '..');
const bin = join(root, 'bin', 'haymaker.js');
const SUB = '6d9a1f3e-0000-4000-8000-00000000a001';
const RUN = 'c0ffee42-7d1e-4b6a-9f00-123456789abc';

function haymaker(
  args: string[],
  stdin: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [bin, ...args], { timeout: 150_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin?.end(stdin);
  });
}

// Each case starts the compiled CLI (one or two node processes); on a loaded 2-core machine that alone has taken
// over a minute, so every case gets a generous budget.
jest.setTimeout(300_000);

describe('haymaker policy check and haymaker scrub (compiled CLI)', () => {
  let dir: string;
  beforeAll(() => {
    if (!existsSync(join(root, 'dist', 'cli', 'commands', 'policy.js')))
      throw new Error('dist/ is not built: run `npx tsc -p .` first');
    dir = mkdtempSync(join(tmpdir(), 'haymaker-policy-cli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints one JSON verdict per input line', async () => {
    const input = [
      'az group create -n hm-c0ffee42 -l eastus',
      'az group delete -g hm-c0ffee42 --resource-group production-rg --yes',
      '',
      `az role assignment create --assignee x --role Reader --scope /subscriptions/99999999-9999-4999-8999-999999999999`,
      'cat /proc/1/environ',
    ].join('\n');
    const r = await haymaker(['policy', 'check', '--run-id', RUN, '--subscription', SUB], input);
    expect(r.code).toBe(0);
    const verdicts = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { allowed: boolean; rule: string; reason?: string; rewritten?: string });
    expect(verdicts.map((v) => [v.allowed, v.rule])).toEqual([
      [true, 'tags.injected'],
      [false, 'delete.run-owned'],
      [false, 'az.subscription-pinned'],
      [false, 'shell.file-access'],
    ]);
    expect(verdicts[0]!.rewritten).toBe('az group create -n hm-c0ffee42 -l eastus --tags $HAYMAKER_TAGS');
    for (const v of verdicts.filter((x) => !x.allowed)) expect(v.reason).toBeTruthy();
  });

  it('judges a whole script with --script and prints one verdict', async () => {
    const allowed = join(dir, 'allowed.sh');
    writeFileSync(
      allowed,
      'RG=hm-c0ffee42\naz group create -n "$RG" -l eastus --tags $HAYMAKER_TAGS\naz group show -n "$RG"\n',
    );
    const hostile = join(dir, 'hostile.sh');
    writeFileSync(
      hostile,
      'az group list <<< x\ncat <<EOF\n$(az group delete -n production-rg --yes)\nEOF\n',
    );
    const ok = await haymaker(
      ['policy', 'check', '--run-id', RUN, '--subscription', SUB, '--script', allowed],
      '',
    );
    expect(JSON.parse(ok.stdout)).toEqual({ allowed: true, rule: 'ok' });
    const refused = await haymaker(
      ['policy', 'check', '--run-id', RUN, '--subscription', SUB, '--script', hostile],
      '',
    );
    expect(refused.stdout.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(refused.stdout)).toMatchObject({ allowed: false, rule: 'delete.run-owned' });
  });

  it('is a usage error without the required options', async () => {
    const r = await haymaker(['policy', 'check', '--run-id', 'c0ffee42-aaaa'], '');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--subscription');
  });

  it('scrubs standard input with the agent scrubber', async () => {
    const secret = 'hunter2-but-longer';
    const input = `pw=${secret}\nb64=${Buffer.from(`x${secret}`).toString('base64')}\nurl=${encodeURIComponent(`${secret}&`)}\n`;
    const r = await haymaker(['scrub', '--secret', secret, 'another-one-9'], input);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain(secret);
    expect(r.stdout).not.toContain(Buffer.from(`x${secret}`).toString('base64').slice(4, 20));
    expect(r.stdout).toContain('[REDACTED]');
    expect(r.stdout.split('\n')).toHaveLength(4);
  });

  it('takes -o and --query like every command: one formatted verdict a line, the scrubbed text as { text }', async () => {
    const rules = await haymaker(
      ['policy', 'check', '--run-id', RUN, '--subscription', SUB, '--query', 'rule', '-o', 'tsv'],
      'az group create -n hm-c0ffee42 -l eastus\ncat /proc/1/environ\n',
    );
    expect(rules).toMatchObject({ code: 0, stdout: 'tags.injected\nshell.file-access\n' });
    const wrapped = await haymaker(
      ['scrub', '--secret', 'hunter2-but-longer', '-o', 'json'],
      'pw=hunter2-but-longer\n',
    );
    expect(wrapped.code).toBe(0);
    expect(JSON.parse(wrapped.stdout)).toEqual({ text: 'pw=[REDACTED]\n' });
  });
});
