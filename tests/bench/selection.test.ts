// `npm run bench` picks sections and single figures from its arguments, refuses what it does not know (exit 2,
// before running anything), and merges a figure measured alone into bench/results.json without losing the others.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { BenchUsageError, mergeFigures, selectBench, type BenchSection } from '../../bench/selection';

const section = (name: string, figures?: string[]): BenchSection => ({
  name,
  figures,
  run: async () => ({}),
});
const workflow = section('workflow', [
  'historyEventsPerScenario',
  'scale.s300',
  'scale.s1000',
  'scale.s3000',
]);
const cleanup = section('cleanup');
const sections = [section('host', ['resume100']), workflow, cleanup];
const picked = (args: string[]) =>
  selectBench(args, sections).map((r) => [r.section.name, r.only ? [...r.only] : 'all']);

describe('bench selection', () => {
  it('runs every section without arguments, and each named section once, in the order given', () => {
    expect(picked([])).toEqual([
      ['host', 'all'],
      ['workflow', 'all'],
      ['cleanup', 'all'],
    ]);
    expect(picked(['workflow', 'cleanup'])).toEqual([
      ['workflow', 'all'],
      ['cleanup', 'all'],
    ]);
  });

  it('runs a single figure, a group of figures, or the whole section when it is also named', () => {
    expect(picked(['workflow.scale.s1000'])).toEqual([['workflow', ['scale.s1000']]]);
    expect(picked(['workflow.scale'])).toEqual([['workflow', ['scale.s300', 'scale.s1000', 'scale.s3000']]]);
    expect(picked(['workflow.scale.s300', 'workflow'])).toEqual([['workflow', 'all']]);
  });

  it('refuses an unknown section or figure, listing what exists', () => {
    expect(() => picked(['workflw'])).toThrow(BenchUsageError);
    expect(() => picked(['workflw'])).toThrow(/no bench section "workflw".*workflow\.scale\.s1000/);
    expect(() => picked(['workflow.scale.s9'])).toThrow(/bench section "workflow" has no figure "scale\.s9"/);
    expect(() => picked(['cleanup.leftovers2000'])).toThrow(/has no figure/);
  });

  it('keeps the other figures of a group when one is measured alone, and replaces a figure whole', () => {
    const before = {
      historyEventsPerScenario: { window8h: 185 },
      scale: { s300: { wallMs: 1 }, s1000: { wallMs: 2, stale: true } },
    };
    expect(mergeFigures(before, { scale: { s1000: { wallMs: 3 } } }, workflow.figures)).toEqual({
      historyEventsPerScenario: { window8h: 185 },
      scale: { s300: { wallMs: 1 }, s1000: { wallMs: 3 } },
    });
    expect(mergeFigures({ leftovers2000: { a: 1 }, other: 1 }, { leftovers2000: { b: 2 } })).toEqual({
      leftovers2000: { b: 2 },
      other: 1,
    });
  });

  it('exits 2 with the reason on stderr when the command names an unknown section', () => {
    const run = path.resolve(__dirname, '..', '..', 'dist', 'bench', 'run.js');
    const result = spawnSync(process.execPath, [run, 'workflow', 'nosuch'], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/no bench section "nosuch"/);
    expect(result.stdout).toBe('');
  });
});
