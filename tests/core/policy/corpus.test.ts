import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { checkScript, loadBashParser } from '../../../core/policy';
import { corpusContext } from './corpus-context';

// Our own red-team corpus (grouped by technique, each with why it is hostile) and a corpus of legitimate
// commands; the issue-13 root causes have their own focused tests in root-causes.test.ts.
const entry = z.object({
  command: z.string().min(1),
  why: z.string().min(1),
  technique: z.string().optional(),
});
const read = (name: string): z.infer<typeof entry>[] =>
  readFileSync(join(__dirname, 'fixtures', name), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => entry.parse(JSON.parse(l)));

const hostile = read('red-team.jsonl');
const legitimate = read('legitimate.jsonl');

beforeAll(() => loadBashParser());

describe('red-team corpus', () => {
  it('has hundreds of commands over many techniques', () => {
    expect(hostile.length).toBeGreaterThanOrEqual(300);
    expect(new Set(hostile.map((h) => h.technique)).size).toBeGreaterThanOrEqual(15);
  });

  it.each(hostile.map((h) => [`${h.technique}: ${h.command}`, h] as const))('refuses %s', (_name, h) => {
    const verdict = checkScript(h.command, corpusContext);
    expect(verdict.allowed).toBe(false);
    const refusals = verdict.verdicts.filter((v) => !v.allowed);
    expect(refusals.length).toBeGreaterThan(0);
    for (const r of refusals) expect(r.reason).toBeTruthy();
    expect(verdict.rewritten).toBeUndefined();
  });
});

describe('legitimate corpus', () => {
  it('has scenario-like commands', () => {
    expect(legitimate.length).toBeGreaterThanOrEqual(80);
  });

  it.each(legitimate.map((l) => [l.command, l] as const))('allows %s', (_name, l) => {
    const verdict = checkScript(l.command, corpusContext);
    expect(verdict.verdicts.filter((v) => !v.allowed)).toEqual([]);
  });
});
