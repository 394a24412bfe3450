// DESIGN.md §8 as tests: what ships to Azure never imports the local stand-ins, adapters know nothing of Functions,
// and the agent shares only pure modules with the app.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(__dirname, '..', '..');
const SPECIFIER =
  /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function specifiers(file: string): string[] {
  const text = readFileSync(file, 'utf8').replace(/\/\/.*$/gm, '');
  return [...text.matchAll(SPECIFIER)].map((m) => m[1] ?? m[2] ?? m[3]!).filter(Boolean);
}

function resolveLocal(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = resolve(dirname(from), spec);
  for (const candidate of [`${base}.ts`, join(base, 'index.ts'), base]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

/** Every project file reachable from the entry through relative imports (type-only imports included). */
function closure(entry: string): Set<string> {
  const seen = new Set<string>();
  const queue = [resolve(root, entry)];
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const spec of specifiers(file)) {
      const target = resolveLocal(file, spec);
      if (target) queue.push(target);
    }
  }
  return new Set([...seen].map((f) => relative(root, f)));
}

function packagesImported(folder: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.ts')) found.set(relative(root, path), specifiers(path));
    }
  };
  walk(resolve(root, folder));
  return found;
}

const LOCAL_ONLY = /^(embedded-host|sandbox|cli|tests|bench)\//;

describe('dependency rules', () => {
  it('the Functions entry and everything it imports never reach the embedded host, the sandbox or the CLI', () => {
    const files = closure('app/main.ts');
    expect(files.size).toBeGreaterThan(20);
    expect([...files].filter((f) => LOCAL_ONLY.test(f))).toEqual([]);
  });

  it('the agent runtime shares only pure core modules with the app', () => {
    const files = [...closure('agent-runtime/main.ts')];
    expect(files.length).toBeGreaterThan(5);
    const outside = files.filter((f) => !f.startsWith('agent-runtime/') && !f.startsWith('core/'));
    expect(outside).toEqual([]);
  });

  it('adapters know nothing of Functions or Durable Functions', () => {
    const offenders = [...packagesImported('adapters')].filter(([, specs]) =>
      specs.some(
        (s) =>
          s === 'durable-functions' ||
          s === '@azure/functions' ||
          s.includes('/orchestrations/') ||
          s.includes('/activities/'),
      ),
    );
    expect(offenders.map(([file]) => file)).toEqual([]);
  });

  it('orchestrations and entities import no Azure SDK and no Node built-in', () => {
    const offenders: string[] = [];
    for (const folder of ['orchestrations', 'entities']) {
      for (const [file, specs] of packagesImported(folder)) {
        for (const s of specs)
          if (
            /^node:|^(fs|path|os|child_process|crypto|http|https)$/.test(s) ||
            (s.startsWith('@azure/') && s !== '@azure/functions')
          )
            offenders.push(`${file}: ${s}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('detects a forbidden import when one is present (the checker itself works)', () => {
    expect(specifiers(resolve(root, 'cli/local/local-stack.ts')).some((s) => s.includes('/sandbox'))).toBe(
      true,
    );
    expect(
      [...closure('cli/commands/start.ts')].some((f) => LOCAL_ONLY.test(f) && f.startsWith('sandbox/')),
    ).toBe(true);
  });
});
