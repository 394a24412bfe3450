// Runs every rule over all .bicep/.bicepparam files under a folder.
import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { loadBicepFile, type BicepFile } from './parse';
import type { CheckOptions, Rule } from './rule';
import { RULES } from './rules';
import type { Violation } from './violation';

export interface CheckResult {
  files: string[];
  violations: Violation[];
}

const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', '.git', 'checks']);

export function findBicepFiles(root: string): string[] {
  const found: string[] = [];
  const visit = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) visit(path);
      } else if (entry.name.endsWith('.bicep') || entry.name.endsWith('.bicepparam')) found.push(path);
    }
  };
  visit(root);
  return found.sort();
}

export function runChecks(
  root: string,
  options: CheckOptions = {},
  rules: readonly Rule[] = RULES,
): CheckResult {
  const files: BicepFile[] = findBicepFiles(root).map((path) =>
    loadBicepFile(path, relative(root, path).split(sep).join('/')),
  );
  const context = { root, files, options };
  const violations = rules.flatMap((rule) => rule.check(context));
  return { files: files.map((f) => f.file), violations };
}

/** What the project's own tree must satisfy (the CLI and the real-tree test use it). */
export const PROJECT_CHECK_OPTIONS: CheckOptions = {
  requireFunctionApp: true,
  // dev, staging and prod are profiles in the one bicep/main.bicepparam azd and the workflow share (no per-environment
  // files; tests/ecosystem/deployment-paths.test.ts checks the profiles and the workflow's environments agree).
  requiredEnvironments: [],
};
