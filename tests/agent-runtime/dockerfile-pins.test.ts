// The agent image must build: every package it installs from Debian exists in bookworm, and none is pinned to an
// exact version (a stable suite keeps only its latest build, so such a pin stops building; jq=1.6-2.1 did). Checked
// against Debian's package data committed beside this test (fixtures/debian-bookworm-packages.json, with its source).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PARSER_NODE_ARGS } from '../../core/shell/node-args';

const root = join(__dirname, '..', '..');
const dockerfile = readFileSync(join(root, 'agent-runtime', 'Dockerfile'), 'utf8');
const debian = JSON.parse(
  readFileSync(join(__dirname, 'fixtures', 'debian-bookworm-packages.json'), 'utf8'),
) as { packages: Record<string, string[]> };
/** Installed from Microsoft's repository, which keeps every released version: a pin there does not rot. */
const FROM_MICROSOFT = new Set(['azure-cli']);

/** `pkg` or `pkg=version` words of every `apt-get install` in the Dockerfile, ARG defaults substituted. */
function installedPackages(text: string): { name: string; version?: string }[] {
  const args = new Map(
    [...text.matchAll(/^ARG\s+([A-Z_]+)=(\S+)/gm)].map((m) => [m[1]!, m[2]!] as [string, string]),
  );
  const joined = text.replace(/\\\n/g, ' ');
  return [...joined.matchAll(/apt-get install\s+([^&;]+)/g)].flatMap((m) =>
    m[1]!
      .split(/\s+/)
      .filter((w) => w && !w.startsWith('-'))
      .map((w) => w.replace(/^"|"$/g, '').replace(/\$\{([A-Z_]+)\}/g, (_, k: string) => args.get(k) ?? ''))
      .map((w) => {
        const [name, version] = w.split('=');
        return { name: name!, ...(version !== undefined ? { version } : {}) };
      }),
  );
}

describe('agent-runtime/Dockerfile package pins', () => {
  const packages = installedPackages(dockerfile);

  it('installs jq and the Azure CLI', () => {
    expect(packages.map((p) => p.name)).toEqual(expect.arrayContaining(['jq', 'azure-cli']));
  });

  it('installs only packages that bookworm has', () => {
    const fromDebian = packages.filter((p) => !FROM_MICROSOFT.has(p.name));
    expect(fromDebian.filter((p) => !debian.packages[p.name]).map((p) => p.name)).toEqual([]);
  });

  it('pins no Debian package to a version (and any pin names a version bookworm lists)', () => {
    const pinned = packages.filter((p) => !FROM_MICROSOFT.has(p.name) && p.version !== undefined);
    expect(pinned.filter((p) => !debian.packages[p.name]?.includes(p.version!))).toEqual([]);
    expect(pinned).toEqual([]);
  });

  it('starts the agent with the Node options every local launcher uses (PARSER_NODE_ARGS)', () => {
    const entrypoint = /^ENTRYPOINT\s+(\[.*\])\s*$/m.exec(dockerfile);
    expect(entrypoint).not.toBeNull();
    expect(JSON.parse(entrypoint![1]!)).toEqual([
      'node',
      ...PARSER_NODE_ARGS,
      '/app/dist/agent-runtime/main.js',
    ]);
  });
});
