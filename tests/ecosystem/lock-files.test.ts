// `npm ci` installs exactly what a lock file lists and refuses the lock when package.json asks for something else or
// when a package's dependency (optional platform binaries included) has no entry. These checks are what `npm ci`
// checks on every platform, done offline on the committed files: the app's lock and the agent image's own lock.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';

const repository = join(__dirname, '..', '..');

interface LockEntry {
  version?: string;
  dev?: boolean;
  optional?: boolean;
  os?: string[];
  cpu?: string[];
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  engines?: Record<string, string>;
}

interface Manifest {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  engines?: Record<string, string>;
}

const readJson = <T>(path: string): T => JSON.parse(readFileSync(join(repository, path), 'utf8')) as T;

/** Where Node (and npm) finds `name` when `from` requires it: the nearest node_modules folder up the tree. */
function resolveInLock(packages: Record<string, LockEntry>, from: string, name: string): string | undefined {
  let base = from;
  for (;;) {
    const candidate = `${base ? `${base}/` : ''}node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (!base) return undefined;
    const at = base.lastIndexOf('/node_modules/');
    base = at < 0 ? '' : base.slice(0, at);
  }
}

function unresolved(packages: Record<string, LockEntry>): string[] {
  const missing: string[] = [];
  for (const [path, entry] of Object.entries(packages)) {
    if (path === '') continue;
    for (const name of Object.keys({ ...entry.dependencies, ...entry.optionalDependencies }))
      if (!resolveInLock(packages, path, name)) missing.push(`${path} → ${name}`);
  }
  return missing;
}

describe.each([
  ['the app', 'package.json', 'package-lock.json'],
  ['the agent image', 'agent-runtime/package.json', 'agent-runtime/package-lock.json'],
])('the lock file of %s', (_what, manifestPath, lockPath) => {
  const manifest = readJson<Manifest>(manifestPath);
  const lock = readJson<{ lockfileVersion: number; packages: Record<string, LockEntry> }>(lockPath);

  it('is a v3 lock whose root entry asks for exactly what package.json asks for', () => {
    expect(lock.lockfileVersion).toBe(3);
    const root = lock.packages[''];
    expect(root?.dependencies ?? {}).toEqual(manifest.dependencies ?? {});
    expect(root?.devDependencies ?? {}).toEqual(manifest.devDependencies ?? {});
    expect(root?.engines).toEqual(manifest.engines);
  });

  it('locks every dependency at the exact version package.json pins', () => {
    for (const [name, wanted] of Object.entries({ ...manifest.dependencies, ...manifest.devDependencies }))
      expect(`${name}@${lock.packages[`node_modules/${name}`]?.version}`).toBe(`${name}@${wanted}`);
  });

  it("has an entry for every package's dependencies, other platforms' optional binaries included", () => {
    expect(unresolved(lock.packages)).toEqual([]);
  });
});

describe('platform binaries in the app lock', () => {
  const lock = readJson<{ packages: Record<string, LockEntry> }>('package-lock.json');
  const platformEntries = Object.entries(lock.packages).filter(([, e]) => e.optional && (e.os || e.cpu));

  it.each([
    ['linux', 'x64'],
    ['linux', 'arm64'],
    ['darwin', 'arm64'],
    ['darwin', 'x64'],
    ['win32', 'x64'],
  ])('include %s/%s for every package that ships per-platform binaries', (os, cpu) => {
    // A package with platform optionals (jest's unrs-resolver, @parcel/watcher) must list one for this platform.
    const owners = Object.entries(lock.packages).filter(([, e]) =>
      Object.keys(e.optionalDependencies ?? {}).some((name) =>
        platformEntries.some(([path]) => path.endsWith(`node_modules/${name}`)),
      ),
    );
    expect(owners.length).toBeGreaterThan(0);
    for (const [path, entry] of owners) {
      const forPlatform = Object.keys(entry.optionalDependencies ?? {})
        .map((name) => lock.packages[resolveInLock(lock.packages, path, name) ?? ''])
        .filter((e) => e?.os?.includes(os) && e.cpu?.includes(cpu));
      expect({ path, platform: `${os}/${cpu}`, found: forPlatform.length > 0 }).toEqual({
        path,
        platform: `${os}/${cpu}`,
        found: true,
      });
    }
  });
});

describe('the Node version the README documents (package.json engines, .nvmrc)', () => {
  const lock = readJson<{ packages: Record<string, LockEntry> }>('package-lock.json');
  const engines = readJson<Manifest>('package.json').engines!.node!;
  const lowest = semver.minVersion(engines)!.version;
  const pinned = readFileSync(join(repository, '.nvmrc'), 'utf8').trim();

  it.each([
    ['the lowest engines allows', lowest],
    ['.nvmrc (CI and Azure: Node 22)', pinned],
  ])('satisfies every locked package, so npm prints no EBADENGINE on %s (%s)', (_what, version) => {
    const refusing = Object.entries(lock.packages)
      .filter(([, e]) => e.engines?.node && !semver.satisfies(version, e.engines.node))
      .map(([path, e]) => `${path} (${e.engines!.node})`);
    expect(refusing).toEqual([]);
  });

  it('is Node 22 or later: the Azure SDKs the app pins declare Node >= 22', () => {
    expect(semver.satisfies('20.19.0', engines)).toBe(false);
    expect(lock.packages['node_modules/@azure/identity']?.engines?.node).toBe('>=22.0.0');
  });
});
