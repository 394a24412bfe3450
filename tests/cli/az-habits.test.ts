// The compiled `haymaker` binary keeps az's habits: --version; -o/--query on every command (help says so); data on
// stdout and nothing else, so `| wc -l` counts data; exit codes 0 ok, 1 failed, 2 usage, 3 not found. These commands
// need no API (the scenario library and the cost estimate); api-commands.test.ts covers the API ones.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { buildProgram } from '../../cli/main';

jest.setTimeout(180_000);

/** Commands that do not take -o/--query yet, and why. */
const PENDING_OUTPUT_OPTIONS: Record<string, string> = {};

const repoRoot = path.join(__dirname, '..', '..');
const bin = path.join(repoRoot, 'bin', 'haymaker.js');
const scenariosDir = path.join(repoRoot, 'scenarios');

function haymaker(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      {
        cwd: repoRoot,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: '/nonexistent',
          HAYMAKER_SCENARIOS_DIR: scenariosDir,
          ...env,
        },
        timeout: 30_000,
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

describe('haymaker, as az users expect it', () => {
  it('--version prints the package version and exits 0', async () => {
    const version = (
      JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }
    ).version;
    const r = await haymaker(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(`haymaker ${version}`);
  });

  it('puts only data on stdout: scenarios list | wc -l counts scenarios, the summary goes to stderr', async () => {
    const text = await haymaker(['scenarios', 'list']);
    const json = await haymaker(['scenarios', 'list', '-o', 'json']);
    expect(text.code).toBe(0);
    const count = (JSON.parse(json.stdout) as unknown[]).length;
    expect(count).toBe(50);
    expect(text.stdout.trim().split('\n')).toHaveLength(count);
    expect(text.stderr).toContain(`${count} scenario(s)`);
  });

  it('applies --query before -o tsv and table, with table columns from the query', async () => {
    const ids = await haymaker(['scenarios', 'list', '--area', 'compute', '--query', '[].id', '-o', 'tsv']);
    expect(ids.code).toBe(0);
    expect(ids.stdout.trim().split('\n')).toHaveLength(5);
    expect(ids.stdout).toMatch(/^compute-01-[a-z0-9-]+\n/);
    const table = await haymaker([
      'scenarios',
      'list',
      '--area',
      'compute',
      '--query',
      '[].{Scenario: id, Cost: cost.class}',
      '-o',
      'table',
    ]);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^Scenario\s+Cost$/);
    expect(lines[1]).toMatch(/^-+\s+-+$/);
    expect(lines).toHaveLength(7);
    const one = await haymaker([
      'scenarios',
      'show',
      'compute-01-linux-vm-patch-check',
      '--query',
      'frontMatter.area',
    ]);
    expect(one).toMatchObject({ code: 0, stdout: '"compute"\n' });
  });

  it('gives every command -o and --query (the program itself, walked command by command)', () => {
    const missing: string[] = [];
    const visit = (command: Command, path: string[]) => {
      const sub = command.commands as Command[];
      if (sub.length === 0) {
        const flags = command.options.map((o) => o.long);
        if (!flags.includes('--output') || !flags.includes('--query')) missing.push(path.join(' '));
      }
      for (const child of sub) visit(child, [...path, child.name()]);
    };
    visit(buildProgram(), []);
    // Not yet on the shared plumbing, each with the reason; adopting it makes this list wrong and the test fail.
    expect(missing).toEqual(Object.keys(PENDING_OUTPUT_OPTIONS));
  });

  it('exits 2 for usage errors (bad -o, bad --query, unknown flag or command) and 3 for an unknown scenario', async () => {
    for (const args of [
      ['scenarios', 'list', '-o', 'xml'],
      ['scenarios', 'list', '--query', '[.'],
      ['scenarios', 'list', '--no-such-flag'],
      ['no-such-command'],
      ['scenarios', 'list', '--area', 'nowhere'],
    ]) {
      const r = await haymaker(args);
      expect({ args, code: r.code, stdout: r.stdout }).toEqual({ args, code: 2, stdout: '' });
      expect(r.stderr).not.toBe('');
    }
    const missing = await haymaker(['scenarios', 'show', 'nope-99-nothing']);
    expect(missing.code).toBe(3);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toContain('no scenario with id "nope-99-nothing"');
  });

  it('takes the default format from HAYMAKER_OUTPUT, as az takes it from AZURE_CORE_OUTPUT', async () => {
    const r = await haymaker(['cost', '--size', 'small', '--dir', scenariosDir], { HAYMAKER_OUTPUT: 'tsv' });
    expect(r.code).toBe(0);
    // {estimates: [...], operationsWindowMinutes, runsPerDay} in sorted key order: a list prints as its length.
    expect(r.stdout).toBe('1\t480\t4\n');
    const none = await haymaker(['cost', '--dir', scenariosDir, '-o', 'none']);
    expect(none).toMatchObject({ code: 0, stdout: '' });
  });
});
