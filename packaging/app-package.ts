// The one deployment package of the Functions app, used by azd (azure.yaml `dist`) and the deploy workflow alike:
// host.json, a package.json whose `main` is the app entry, the compiled files the entry reaches (no sandbox, embedded
// host, CLI, tests, bench, TypeScript sources or source maps), the scenario documents, and the production
// node_modules exactly as locked. It is built here, on Linux x64 CI or a laptop, and deployed as is (remoteBuild:
// false): the production dependencies hold no native binaries (the package test checks), so the folder runs on the
// Flex Consumption Linux workers, and no remote build installs anything the lock did not pin.
import { copyFileSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { isScenarioFileName } from '../catalog/load';
import { moduleClosure } from './module-closure';
import { productionModules } from './production-modules';

export const APP_ENTRY = 'dist/app/main.js';
export const DEFAULT_PACKAGE_DIR = join('build', 'functionapp');

interface Manifest {
  name: string;
  version: string;
  description?: string;
  license?: string;
  engines?: Record<string, string>;
  dependencies?: Record<string, string>;
}

export interface AppPackage {
  dir: string;
  files: string[];
  /** Packages the shipped code requires by name. */
  requiredPackages: string[];
}

/** Every file under `dir`, relative, with forward slashes, sorted. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const visit = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) visit(path);
      else out.push(relative(dir, path).split(sep).join('/'));
    }
  };
  visit(dir);
  return out.sort();
}

/**
 * A dependency's file at `target`: a hard link where the file system allows one (npm replaces, never edits, the files
 * it installs, and a link saves copying ~160 MB), else a copy. The project's own files are always copied: a rebuild
 * rewrites dist/ in place, and the package must stay what was packaged.
 */
function linkOrCopy(source: string, target: string): void {
  mkdirSync(dirname(target), { recursive: true });
  try {
    linkSync(source, target);
  } catch {
    copyFileSync(source, target);
  }
}

function copyInto(projectRoot: string, outDir: string, relativePath: string): void {
  const target = join(outDir, relativePath);
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(join(projectRoot, relativePath), target);
}

/** A package's files, without its nested node_modules (those packages are placed on their own). */
function placeModule(source: string, target: string): void {
  for (const entry of readdirSync(source, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const from = join(source, entry.name);
    if (entry.isDirectory()) placeModule(from, join(target, entry.name));
    else if (entry.isFile()) linkOrCopy(from, join(target, entry.name));
  }
}

/** The manifest the host reads (`main`), without scripts or devDependencies: nothing to build or install remotely. */
function packageManifest(projectRoot: string): Manifest & { main: string; private: true } {
  const manifest = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as Manifest;
  return {
    name: manifest.name,
    version: manifest.version,
    private: true,
    ...(manifest.description ? { description: manifest.description } : {}),
    ...(manifest.license ? { license: manifest.license } : {}),
    main: APP_ENTRY,
    ...(manifest.engines ? { engines: manifest.engines } : {}),
    ...(manifest.dependencies ? { dependencies: manifest.dependencies } : {}),
  };
}

export function buildAppPackage(
  projectRoot: string,
  outDir = join(projectRoot, DEFAULT_PACKAGE_DIR),
): AppPackage {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });

  const closure = moduleClosure(join(projectRoot, APP_ENTRY));
  for (const file of closure.files) copyInto(projectRoot, outDir, relative(projectRoot, file));

  copyInto(projectRoot, outDir, 'host.json');
  writeFileSync(join(outDir, 'package.json'), `${JSON.stringify(packageManifest(projectRoot), null, 2)}\n`);

  for (const name of readdirSync(join(projectRoot, 'scenarios')).filter(isScenarioFileName))
    copyInto(projectRoot, outDir, join('scenarios', name));

  for (const module of productionModules(projectRoot, closure.packages))
    placeModule(join(projectRoot, module.path), join(outDir, module.path));
  return { dir: outDir, files: listFiles(outDir), requiredPackages: closure.packages };
}
