// The installed packages the app needs at run time: the packages its compiled files require, and everything those
// depend on, found in package-lock.json the way Node resolves them (the nearest node_modules up the tree). Only
// entries npm does not mark `dev` ("strictly part of the devDependencies tree",
// https://docs.npmjs.com/cli/configuring-npm/package-lock-json) qualify: shipped code that requires a devDependency is
// an error here, not a crash in Azure. Copied from the node_modules `npm ci` made, so the package holds exactly the
// locked versions at the paths the lock gives them.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const entrySchema = z.object({
  version: z.string().optional(),
  dev: z.boolean().optional(),
  optional: z.boolean().optional(),
  dependencies: z.record(z.string(), z.string()).optional(),
  optionalDependencies: z.record(z.string(), z.string()).optional(),
  peerDependencies: z.record(z.string(), z.string()).optional(),
});
const lockSchema = z.object({
  lockfileVersion: z.number().int().min(2),
  packages: z.record(z.string(), entrySchema),
});
type LockEntry = z.infer<typeof entrySchema>;

export interface ProductionModule {
  /** Path inside the project, e.g. `node_modules/@azure/identity`. */
  path: string;
  version?: string;
}

/** Where Node finds `name` when code in the package at `from` requires it: the nearest node_modules up the tree. */
export function resolveInLock(
  packages: Record<string, unknown>,
  from: string,
  name: string,
): string | undefined {
  let base = from;
  for (;;) {
    const candidate = `${base ? `${base}/` : ''}node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (!base) return undefined;
    const at = base.lastIndexOf('/node_modules/');
    base = at < 0 ? '' : base.slice(0, at);
  }
}

function checkInstalled(projectRoot: string, path: string, entry: LockEntry): boolean {
  const installed = join(projectRoot, path);
  if (!existsSync(installed)) {
    // Another platform's binary: npm skips it here, and the app must not need it (the package test loads the app).
    if (entry.optional) return false;
    throw new Error(`${path} is locked but not installed: run \`npm ci\` before packaging`);
  }
  const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { version?: string };
  if (entry.version && manifest.version !== entry.version)
    throw new Error(
      `${path} is ${manifest.version} but the lock says ${entry.version}: run \`npm ci\` first`,
    );
  return true;
}

/** The locked, installed packages that `required` (package names the app requires) need, transitively. */
export function productionModules(projectRoot: string, required: string[]): ProductionModule[] {
  const lock = lockSchema.parse(JSON.parse(readFileSync(join(projectRoot, 'package-lock.json'), 'utf8')));
  const found = new Map<string, ProductionModule>();
  const queue: { from: string; name: string; optional: boolean }[] = required.map((name) => ({
    from: '',
    name,
    optional: false,
  }));
  while (queue.length) {
    const { from, name, optional } = queue.shift()!;
    const path = resolveInLock(lock.packages, from, name);
    if (!path) {
      if (optional) continue;
      throw new Error(`${from || 'the app'} requires ${name}, which package-lock.json does not have`);
    }
    if (found.has(path)) continue;
    const entry = lock.packages[path]!;
    // A peer or optional dependency that only the dev tree installs is not needed at run time.
    if (entry.dev && optional) continue;
    if (entry.dev)
      throw new Error(`${from || 'the app'} requires ${name}, a devDependency: move it to dependencies`);
    if (!checkInstalled(projectRoot, path, entry)) continue;
    found.set(path, { path, ...(entry.version ? { version: entry.version } : {}) });
    for (const dep of Object.keys(entry.dependencies ?? {}))
      queue.push({ from: path, name: dep, optional: false });
    for (const dep of Object.keys({ ...entry.optionalDependencies, ...entry.peerDependencies }))
      queue.push({ from: path, name: dep, optional: true });
  }
  return [...found.values()].sort((a, b) => a.path.localeCompare(b.path));
}
