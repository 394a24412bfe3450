// Reads `az <command> --help` from the real Azure CLI (it works offline) and caches what it says on disk,
// because each call takes one to several seconds.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pLimit from 'p-limit';

export type AzHelpKind = 'command' | 'group' | 'unknown' | 'not-loadable';

export interface AzHelp {
  path: string[];
  kind: AzHelpKind;
  /** Every flag and alias of the command's argument sections (global arguments included). */
  flags: string[];
  /** For `unknown`: the word az did not recognise. */
  unknownWord?: string;
  /** For `not-loadable`: az's error line. */
  error?: string;
}

export interface AzHelpSource {
  /** The azure-cli version, or null when az is not installed. */
  version(): Promise<string | null>;
  help(commandPath: readonly string[]): Promise<AzHelp>;
}

/** Parses the help text layout of knack (the framework behind az): "Command"/"Group" headers, "… Arguments" sections. */
export function parseAzHelp(
  commandPath: readonly string[],
  exitCode: number,
  stdout: string,
  stderr: string,
): AzHelp {
  const lines = stdout.split('\n');
  const base = { path: [...commandPath], flags: [] as string[] };
  if (exitCode === 0 && lines.some((l) => l.trimEnd() === 'Command')) {
    const flags = new Set<string>();
    let inArguments = false;
    for (const line of lines) {
      if (line.length > 0 && !line.startsWith(' ')) {
        inArguments = line.trimEnd().endsWith('Arguments');
        continue;
      }
      if (!inArguments || !/^ {4}-/.test(line)) continue;
      for (const token of line.trim().split(/\s+/)) {
        if (token.startsWith('[') || token.startsWith(':')) break;
        if (token.startsWith('-')) flags.add(token);
      }
    }
    return { ...base, kind: 'command', flags: [...flags].sort() };
  }
  if (exitCode === 0 && lines.some((l) => l.trimEnd() === 'Group')) return { ...base, kind: 'group' };
  const misspelled = /'([^']+)' is misspelled or not recognized/.exec(stderr);
  if (misspelled) return { ...base, kind: 'unknown', unknownWord: misspelled[1] };
  const errorLine =
    stderr.split('\n').find((l) => l.startsWith('ERROR:') && !l.includes('unexpected error')) ??
    stderr.split('\n')[0] ??
    '';
  return {
    ...base,
    kind: 'not-loadable',
    error: errorLine.replace(/^ERROR:\s*/, '').trim() || `az exited with ${exitCode}`,
  };
}

interface RunResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  missing?: boolean;
}

function runAz(azPath: string, args: string[], timeoutMs: number): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(
      azPath,
      args,
      {
        timeout: timeoutMs,
        maxBuffer: 4 * 1024 * 1024,
        // Offline and quiet: no telemetry upload, no colour codes in the text we parse.
        env: {
          ...process.env,
          AZURE_CORE_COLLECT_TELEMETRY: 'false',
          AZURE_CORE_NO_COLOR: 'true',
          AZURE_CORE_SURVEY_MESSAGE: 'false',
        },
      },
      (error, stdout, stderr) => {
        const code = (error as { code?: unknown } | null)?.code;
        if (code === 'ENOENT') resolve({ exitCode: 127, stdout: '', stderr: '', missing: true });
        else resolve({ exitCode: !error ? 0 : typeof code === 'number' ? code : 1, stdout, stderr });
      },
    );
  });
}

export interface AzCliHelpOptions {
  azPath?: string;
  /** Default: `.haymaker/az-help-cache` under the working directory, or HAYMAKER_AZ_HELP_CACHE. */
  cacheDir?: string;
  /** az processes at once (each loads the whole CLI: keep it low on small machines). */
  concurrency?: number;
  timeoutMs?: number;
}

const SAFE_WORD = /^[a-z0-9][a-z0-9-]*$/;

export function defaultAzHelpCacheDir(): string {
  return process.env.HAYMAKER_AZ_HELP_CACHE ?? path.resolve('.haymaker', 'az-help-cache');
}

/** The az executable on PATH (or the given path), with its modification time, or null when absent. */
function locateAz(azPath: string): { file: string; mtimeMs: number } | null {
  const candidates = azPath.includes('/')
    ? [azPath]
    : (process.env.PATH ?? '')
        .split(path.delimiter)
        .filter(Boolean)
        .map((d) => path.join(d, azPath));
  for (const file of candidates) {
    try {
      const st = statSync(file);
      if (st.isFile()) return { file, mtimeMs: st.mtimeMs };
    } catch {
      // not in this PATH entry
    }
  }
  return null;
}

/** True when an az executable is on PATH (cheap: no process is started). */
export function isAzInstalled(azPath = 'az'): boolean {
  return locateAz(azPath) !== null;
}

/** `az version` takes seconds too: remember it per executable and modification time. */
async function cachedVersion(
  azPath: string,
  cacheDir: string,
  ask: () => Promise<string | null>,
): Promise<string | null> {
  const located = locateAz(azPath);
  if (!located) return null;
  const file = path.join(cacheDir, 'version.json');
  try {
    const cached = JSON.parse(readFileSync(file, 'utf8')) as {
      file: string;
      mtimeMs: number;
      version: string;
    };
    if (cached.file === located.file && cached.mtimeMs === located.mtimeMs) return cached.version;
  } catch {
    // first time
  }
  const version = await ask();
  if (version !== null) {
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(file, `${JSON.stringify({ ...located, version })}\n`);
  }
  return version;
}

export function createAzCliHelp(
  options: AzCliHelpOptions = {},
): AzHelpSource & { lookups(): { cached: number; run: number } } {
  const azPath = options.azPath ?? 'az';
  const cacheDir = options.cacheDir ?? defaultAzHelpCacheDir();
  const limit = pLimit(options.concurrency ?? 2);
  const timeoutMs = options.timeoutMs ?? 120_000;
  const inFlight = new Map<string, Promise<AzHelp>>();
  const stats = { cached: 0, run: 0 };
  let versionPromise: Promise<string | null> | undefined;

  const version = (): Promise<string | null> => {
    versionPromise ??= cachedVersion(azPath, cacheDir, () =>
      runAz(azPath, ['version', '--output', 'json'], timeoutMs).then((r) => {
        if (r.missing || r.exitCode !== 0) return null;
        try {
          return String((JSON.parse(r.stdout) as Record<string, unknown>)['azure-cli'] ?? 'unknown');
        } catch {
          return 'unknown';
        }
      }),
    );
    return versionPromise;
  };

  const lookup = async (commandPath: readonly string[]): Promise<AzHelp> => {
    const v = (await version()) ?? 'none';
    const key = commandPath.join(' ');
    const file = path.join(
      cacheDir,
      v,
      `${createHash('sha256').update(key).digest('hex').slice(0, 24)}.json`,
    );
    try {
      const cached = JSON.parse(readFileSync(file, 'utf8')) as AzHelp;
      if (cached.path.join(' ') === key) {
        stats.cached++;
        return cached;
      }
    } catch {
      // not cached yet
    }
    const result = await limit(() => runAz(azPath, [...commandPath, '--help'], timeoutMs));
    stats.run++;
    const help = parseAzHelp(commandPath, result.exitCode, result.stdout, result.stderr);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(help)}\n`);
    return help;
  };

  return {
    version,
    lookups: () => ({ ...stats }),
    help(commandPath) {
      if (!commandPath.every((w) => SAFE_WORD.test(w))) {
        return Promise.resolve({
          path: [...commandPath],
          kind: 'unknown' as const,
          flags: [],
          unknownWord: commandPath.find((w) => !SAFE_WORD.test(w)),
        });
      }
      const key = commandPath.join(' ');
      let pending = inFlight.get(key);
      if (!pending) {
        pending = lookup(commandPath);
        inFlight.set(key, pending);
      }
      return pending;
    },
  };
}
