import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkAzConformance, formatConformance } from '../../catalog/az-conformance';
import { createAzCliHelp, defaultAzHelpCacheDir, isAzInstalled, parseAzHelp } from '../../catalog/az-help';
import { loadCatalog } from '../../catalog/load';

const helpFixture = (name: string): string =>
  readFileSync(path.join(__dirname, 'fixtures', 'az-help', name), 'utf8');
const mistakes = () =>
  loadCatalog({ paths: [path.join(__dirname, 'fixtures', 'az', 'compute-80-az-mistakes.md')] }).scenarios;

describe('az help parsing', () => {
  it('collects every flag and alias of a command, global arguments included', () => {
    const help = parseAzHelp(['group', 'create'], 0, helpFixture('group-create.stdout.txt'), '');
    expect(help.kind).toBe('command');
    expect(help.flags).toEqual(
      expect.arrayContaining([
        '--location',
        '-l',
        '--name',
        '--resource-group',
        '-g',
        '-n',
        '--managed-by',
        '--tags',
        '--query',
        '-o',
        '--output',
        '--only-show-errors',
      ]),
    );
    expect(help.flags).not.toContain('--colour');
  });

  it('tells a group from a command', () => {
    expect(parseAzHelp(['storage'], 0, helpFixture('storage.stdout.txt'), '').kind).toBe('group');
  });

  it('names the word az did not recognise', () => {
    expect(
      parseAzHelp(['containerapp', 'create'], 2, '', helpFixture('containerapp-create.stderr.txt')),
    ).toEqual(expect.objectContaining({ kind: 'unknown', unknownWord: 'containerapp' }));
  });

  it('classifies a help that crashes in this build as not loadable, keeping the reason', () => {
    expect(
      parseAzHelp(['keyvault', 'secret', 'set'], 1, '', helpFixture('keyvault-secret-set.stderr.txt')),
    ).toEqual(
      expect.objectContaining({ kind: 'not-loadable', error: "No module named 'azure.keyvault.v7_0'" }),
    );
  });
});

describe('az conformance check', () => {
  it('says clearly why it skipped when az is not installed', async () => {
    const source = createAzCliHelp({ azPath: '/nonexistent/az', cacheDir: os.tmpdir() });
    const report = await checkAzConformance(mistakes(), { source });
    expect(report.skipped).toMatch(/not installed.*apt-get install -y azure-cli/);
    expect(formatConformance(report)).toMatch(/^az conformance: skipped/);
  });

  // The checks below need the real Azure CLI. Without it they are reported as skipped (never as passed), with the
  // reason in their names and on the console.
  const withAz = isAzInstalled() ? it : it.skip;
  const needsAz = isAzInstalled() ? '' : ' [skipped: az is not installed; apt-get install -y azure-cli]';
  if (needsAz)
    console.warn(
      'az conformance: 2 tests skipped: the Azure CLI (az) is not installed (apt-get install -y azure-cli)',
    );

  withAz(
    `tells apart unknown commands, unknown flags, extension commands and unloadable help, using the real az${needsAz}`,
    async () => {
      // The shared on-disk cache (.haymaker/az-help-cache): cold the first time on a machine, then fast.
      const cacheDir = defaultAzHelpCacheDir();
      {
        const report = await checkAzConformance(mistakes(), { source: createAzCliHelp({ cacheDir }) });
        const byLine = report.findings.map((f) => [f.line, f.kind, f.flag ?? f.command]);
        expect(byLine).toEqual([
          [30, 'unknown-flag', '--colour'],
          [36, 'unknown-command', 'az storage acount list'],
          [37, 'extension', 'az containerapp list'],
          [45, 'help-not-loadable', 'az keyvault secret set'],
          [46, 'unknown-command', 'az storage account'],
          [55, 'tags-not-passed', '--tags'],
        ]);
        expect(report).toEqual(
          expect.objectContaining({ invocations: 7, failedInvocations: 3, verifiedInvocations: 1 }),
        );

        // A second check with a fresh source reads every answer from the disk cache: no az process runs.
        const cachedSource = createAzCliHelp({ cacheDir });
        const again = await checkAzConformance(mistakes(), { source: cachedSource });
        expect(again.findings).toEqual(report.findings);
        expect(cachedSource.lookups().run).toBe(0);
        expect(cachedSource.lookups().cached).toBeGreaterThan(0);
      }
    },
    170_000,
  );

  withAz(
    `finds no unknown command or flag in a seeded sample of the library (full check: node dist/catalog/az-conformance.js)${needsAz}`,
    async () => {
      const { scenarios } = loadCatalog();
      const report = await checkAzConformance(scenarios, { sample: 8, seed: 'jest' });
      expect(report.skipped).toBeUndefined();
      expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
    },
    170_000,
  );
});
