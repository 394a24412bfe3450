import { Command } from 'commander';
import path from 'node:path';
import { register } from '../../cli/commands/scenarios';

const fixtures = path.join(__dirname, '..', 'catalog', 'fixtures');

/** Runs `haymaker scenarios …` in-process and captures what it prints. */
async function run(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ stdout: string; exitCode: number | undefined }> {
  const program = new Command('haymaker').exitOverride();
  register(program);
  let stdout = '';
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += chunk.toString();
    return true;
  });
  const saved = { exitCode: process.exitCode, dir: process.env.HAYMAKER_SCENARIOS_DIR };
  process.exitCode = undefined;
  Object.assign(process.env, env);
  try {
    await program.parseAsync(['node', 'haymaker', 'scenarios', ...args]);
    return { stdout, exitCode: process.exitCode as number | undefined };
  } finally {
    write.mockRestore();
    process.exitCode = saved.exitCode;
    if (saved.dir === undefined) delete process.env.HAYMAKER_SCENARIOS_DIR;
    else process.env.HAYMAKER_SCENARIOS_DIR = saved.dir;
  }
}

describe('haymaker scenarios', () => {
  it('lint prints file:line, severity and rule id, and exits 1 on errors', async () => {
    const { stdout, exitCode } = await run([
      'lint',
      path.join(fixtures, 'lint', 'compute-97-create-without-tags.md'),
    ]);
    expect(stdout).toMatch(/compute-97-create-without-tags\.md:44: error create-without-tags: /);
    expect(exitCode).toBe(1);
  });

  it('lint --json gives the issues as JSON and exits 0 on a clean document', async () => {
    const { stdout, exitCode } = await run([
      'lint',
      '--json',
      path.join(fixtures, 'lint', 'compute-90-valid.md'),
    ]);
    expect(JSON.parse(stdout)).toEqual({ files: 1, scenarios: 1, issues: [], errors: 0, warnings: 0 });
    expect(exitCode).toBeUndefined();
  });

  it('list and show read HAYMAKER_SCENARIOS_DIR', async () => {
    const env = { HAYMAKER_SCENARIOS_DIR: path.join(fixtures, 'az') };
    const list = await run(['list', '--json'], env);
    expect(JSON.parse(list.stdout)).toEqual([
      expect.objectContaining({ id: 'compute-80-az-mistakes', area: 'compute', enabled: true }),
    ]);
    const show = await run(['show', 'compute-80-az-mistakes'], env);
    expect(show.stdout).toContain(
      'deploy:\n    - Create the group with a flag that does not exist (line 29)',
    );
  });

  it('show explains an unknown id on stderr and exits 3 (not found)', async () => {
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const { exitCode } = await run(['show', 'nope-01-x'], {
        HAYMAKER_SCENARIOS_DIR: path.join(fixtures, 'az'),
      });
      expect(exitCode).toBe(3);
      expect(stderr.mock.calls.map((c) => String(c[0])).join('')).toMatch(/no scenario with id "nope-01-x"/);
    } finally {
      stderr.mockRestore();
    }
  });
});
