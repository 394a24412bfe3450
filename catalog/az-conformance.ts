// Proves that every `az` command and flag the library uses exists in the real Azure CLI, by asking the
// installed CLI's own help. Run it alone with `node dist/catalog/az-conformance.js [--json] [--sample N]`.
import { azInvocations, type AzInvocation, type ParsedScenario } from '../core/scenario';
import { loadBashParser } from '../core/shell';
import { seededShuffle } from '../core/random';
import { createAzCliHelp, type AzHelp, type AzHelpSource } from './az-help';
import { extensionFor } from './az-extensions';
import { loadCatalog } from './load';
import { errorText } from '../core/error-text';

export type FindingKind =
  'unknown-command' | 'unknown-flag' | 'extension' | 'help-not-loadable' | 'tags-not-passed';

/** Unknown commands and flags are errors; the other two cannot be verified by this CLI build. */
export const FINDING_SEVERITY: Record<FindingKind, 'error' | 'warning'> = {
  'unknown-command': 'error',
  'unknown-flag': 'error',
  extension: 'warning',
  'help-not-loadable': 'warning',
  // A create whose help offers --tags but that the document runs without them: the linter's list of
  // untaggable creates is wrong for it, or the document should pass --tags $HAYMAKER_TAGS.
  'tags-not-passed': 'warning',
};

export interface ConformanceFinding {
  file: string;
  line: number;
  kind: FindingKind;
  severity: 'error' | 'warning';
  command: string;
  flag?: string;
  message: string;
}

export interface ConformanceReport {
  azVersion: string | null;
  /** Why nothing was checked (az not installed), when so. */
  skipped?: string;
  /** az invocations checked (uses, not distinct commands). */
  invocations: number;
  distinctCommands: number;
  /** Invocations with at least one error finding. */
  failedInvocations: number;
  /** Invocations whose command and flags were all verified against the CLI's help. */
  verifiedInvocations: number;
  counts: Record<FindingKind, number>;
  findings: ConformanceFinding[];
}

export interface ConformanceOptions {
  source?: AzHelpSource;
  /** Check only this many distinct command paths (seeded choice): a fast sample for tests. */
  sample?: number;
  seed?: string;
}

interface Resolution {
  /** The command az knows, or undefined with a finding instead. */
  help?: AzHelp;
  kind?: FindingKind;
  detail?: string;
}

/** Finds the command az knows for a path; extra trailing words are positional arguments (`az config set k=v`). */
async function resolve(source: AzHelpSource, commandPath: readonly string[]): Promise<Resolution> {
  const full = await source.help(commandPath);
  if (full.kind === 'command') return { help: full };
  if (full.kind === 'not-loadable') return { kind: 'help-not-loadable', detail: full.error };
  if (full.kind === 'group')
    return {
      kind: 'unknown-command',
      detail: `\`az ${commandPath.join(' ')}\` is a command group, not a command`,
    };
  const index = full.unknownWord ? commandPath.indexOf(full.unknownWord) : -1;
  const extension = extensionFor(commandPath);
  if (extension)
    return {
      kind: 'extension',
      detail: `provided by the "${extension}" extension, which this core CLI build does not have`,
    };
  if (index > 0) {
    const prefix = await source.help(commandPath.slice(0, index));
    if (prefix.kind === 'command') return { help: prefix };
  }
  return {
    kind: 'unknown-command',
    detail: `az does not know "${full.unknownWord ?? commandPath.join(' ')}" in \`az ${commandPath.join(' ')}\``,
  };
}

const emptyCounts = (): Record<FindingKind, number> => ({
  'unknown-command': 0,
  'unknown-flag': 0,
  extension: 0,
  'help-not-loadable': 0,
  'tags-not-passed': 0,
});

export async function checkAzConformance(
  scenarios: readonly ParsedScenario[],
  options: ConformanceOptions = {},
): Promise<ConformanceReport> {
  await loadBashParser();
  const source = options.source ?? createAzCliHelp();
  let invocations = scenarios
    .flatMap((s) => azInvocations(s).map((inv) => ({ file: s.file, inv })))
    .filter(({ inv }) => inv.path.length > 0);
  let paths = [...new Set(invocations.map(({ inv }) => inv.path.join(' ')))].sort();
  if (options.sample !== undefined && options.sample < paths.length) {
    const chosen = new Set(seededShuffle(paths, options.seed ?? 'az-conformance').slice(0, options.sample));
    paths = paths.filter((p) => chosen.has(p));
    invocations = invocations.filter(({ inv }) => chosen.has(inv.path.join(' ')));
  }
  const report: ConformanceReport = {
    azVersion: null,
    invocations: invocations.length,
    distinctCommands: paths.length,
    failedInvocations: 0,
    verifiedInvocations: 0,
    counts: emptyCounts(),
    findings: [],
  };
  report.azVersion = await source.version();
  if (report.azVersion === null) {
    report.skipped =
      'the Azure CLI (az) is not installed, so commands and flags cannot be checked: install it (Debian: apt-get install -y azure-cli) and run again';
    return report;
  }
  const resolutions = new Map<string, Promise<Resolution>>(
    paths.map((p) => [p, resolve(source, p.split(' '))]),
  );
  for (const { file, inv } of invocations) {
    const resolution = await resolutions.get(inv.path.join(' '))!;
    const found = findingsFor(file, inv, resolution);
    report.findings.push(...found);
    if (found.some((f) => f.severity === 'error')) report.failedInvocations++;
    if (found.length === 0) report.verifiedInvocations++;
  }
  for (const f of report.findings) report.counts[f.kind]++;
  return report;
}

function findingsFor(file: string, inv: AzInvocation, resolution: Resolution): ConformanceFinding[] {
  const command = `az ${inv.path.join(' ')}`;
  const finding = (kind: FindingKind, message: string, flag?: string): ConformanceFinding => ({
    file,
    line: inv.line,
    kind,
    severity: FINDING_SEVERITY[kind],
    command,
    ...(flag ? { flag } : {}),
    message,
  });
  if (!resolution.help)
    return [finding(resolution.kind!, `${command}: ${resolution.detail ?? resolution.kind}`)];
  const known = new Set(resolution.help.flags);
  const found = [...new Set(inv.flags.map((f) => f.name))]
    .filter((name) => !known.has(name))
    .map((name) =>
      finding(
        'unknown-flag',
        `${command} has no flag ${name} in its help: check \`${command} --help\` for the right flag`,
        name,
      ),
    );
  if (
    inv.path[inv.path.length - 1] === 'create' &&
    known.has('--tags') &&
    !inv.flags.some((f) => f.name === '--tags')
  ) {
    found.push(
      finding(
        'tags-not-passed',
        `${command} accepts --tags but is run without them: add --tags $HAYMAKER_TAGS`,
        '--tags',
      ),
    );
  }
  return found;
}

export function formatConformance(report: ConformanceReport): string {
  if (report.skipped) return `az conformance: skipped — ${report.skipped}\n`;
  const lines = report.findings.map((f) => `${f.file}:${f.line}: ${f.severity} az-${f.kind}: ${f.message}`);
  const c = report.counts;
  lines.push(
    `az ${report.azVersion}: ${report.invocations} command use(s) of ${report.distinctCommands} distinct command(s) checked; ` +
      `${report.failedInvocations} failed (unknown command ${c['unknown-command']}, unknown flag ${c['unknown-flag']}); ` +
      `not verifiable: extension ${c.extension}, help not loadable ${c['help-not-loadable']}; creates run without the --tags they accept ${c['tags-not-passed']}; ` +
      `${report.verifiedInvocations} fully verified`,
  );
  return `${lines.join('\n')}\n`;
}

async function main(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  const sampleAt = argv.indexOf('--sample');
  const sample = sampleAt >= 0 ? Number(argv[sampleAt + 1]) : undefined;
  const catalog = loadCatalog();
  const report = await checkAzConformance(catalog.scenarios, { sample });
  process.stdout.write(json ? `${JSON.stringify(report, null, 2)}\n` : formatConformance(report));
  return report.failedInvocations > 0 ? 1 : 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`az conformance check failed to run: ${errorText(error)}\n`);
      process.exit(2);
    },
  );
}
