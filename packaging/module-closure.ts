// The compiled files the Functions app loads: everything dist/app/main.js reaches through require() with a relative
// path. tsc emits every import (and the app's lazy require() calls) as `require("./…")` with a literal, so following
// those literals finds the whole closure; a computed require would be missed, which is why the package test also
// loads the packaged entry. Package requires (`require("zod")`) are collected so they can be checked against the
// production dependencies.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, resolve } from 'node:path';

export interface ModuleClosure {
  /** Absolute paths of the compiled files, entry first. */
  files: string[];
  /** Package names required from those files (node: built-ins left out). */
  packages: string[];
}

const REQUIRE_LITERAL = /\brequire\((['"])([^'"]+)\1\)/g;
const BUILTINS = new Set(builtinModules);

function resolveRelative(fromFile: string, specifier: string): string {
  const base = resolve(dirname(fromFile), specifier);
  for (const candidate of [base, `${base}.js`, `${base}.json`, join(base, 'index.js')])
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  throw new Error(`${fromFile} requires "${specifier}", which is not in the build (run \`npm run build\`)`);
}

/** "@scope/name/sub" → "@scope/name"; "name/sub" → "name". */
export function packageNameOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

export function moduleClosure(entry: string): ModuleClosure {
  const files: string[] = [];
  const packages = new Set<string>();
  const seen = new Set<string>();
  const queue = [resolve(entry)];
  while (queue.length) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    files.push(file);
    if (!file.endsWith('.js')) continue;
    for (const [, , specifier] of readFileSync(file, 'utf8').matchAll(REQUIRE_LITERAL)) {
      if (specifier!.startsWith('.')) queue.push(resolveRelative(file, specifier!));
      else if (!specifier!.startsWith('node:') && !BUILTINS.has(specifier!))
        packages.add(packageNameOf(specifier!));
    }
  }
  return { files, packages: [...packages].sort() };
}
