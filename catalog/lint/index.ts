// The scenario linter: parse errors, per-document rules and catalog-wide rules, each issue with file:line.
import type { LintIssue, ParsedScenario } from '../../core/scenario';
import { loadCatalog, type Catalog } from '../load';
import { checkCommands } from './command-rules';
import { scenarioContext } from './context';
import { checkId, checkPhases, checkStepsHaveCode } from './document-rules';
import { checkGrants, checkOutsideGroups, checkRoleAssignmentsDeclared } from './grant-rules';
import { checkCatalogOperations } from './operation-rules';
import { checkPolicy } from './policy-refused';
import { checkSecretFlags, findSecretsInText } from './secret-in-text';

export { LINT_RULES, type LintRule } from './rules';

export interface LintResult {
  files: number;
  scenarios: number;
  issues: LintIssue[];
  errors: number;
  warnings: number;
}

export function lintScenario(scenario: ParsedScenario): LintIssue[] {
  const ctx = scenarioContext(scenario);
  return [
    ...checkId(ctx),
    ...checkPhases(ctx),
    ...checkStepsHaveCode(ctx),
    ...checkCommands(ctx),
    ...checkSecretFlags(ctx),
    ...checkPolicy(ctx),
    ...checkGrants(ctx),
    ...checkOutsideGroups(ctx),
    ...checkRoleAssignmentsDeclared(ctx),
  ];
}

export function checkDuplicateIds(scenarios: readonly ParsedScenario[]): LintIssue[] {
  const firstFile = new Map<string, string>();
  const issues: LintIssue[] = [];
  for (const s of [...scenarios].sort((a, b) => a.file.localeCompare(b.file))) {
    const first = firstFile.get(s.id);
    if (first === undefined) firstFile.set(s.id, s.file);
    else
      issues.push({
        file: s.file,
        line: s.fieldLines.id ?? 1,
        rule: 'duplicate-id',
        severity: 'error',
        message: `id "${s.id}" is already used by ${first}: ids must be unique`,
      });
  }
  return issues;
}

const byLocation = (a: LintIssue, b: LintIssue): number =>
  a.file.localeCompare(b.file) || a.line - b.line || a.rule.localeCompare(b.rule);

export function lintCatalog(catalog: Catalog): LintResult {
  const issues = [
    ...catalog.issues,
    ...catalog.documents.flatMap((d) => findSecretsInText(d.text, d.file)),
    ...catalog.scenarios.flatMap(lintScenario),
    ...checkDuplicateIds(catalog.scenarios),
    ...checkCatalogOperations(catalog.scenarios),
  ].sort(byLocation);
  const errors = issues.filter((i) => i.severity === 'error').length;
  return {
    files: catalog.documents.length,
    scenarios: catalog.scenarios.length,
    issues,
    errors,
    warnings: issues.length - errors,
  };
}

/** Lints files or folders (default: the scenarios folder). */
export function lintPaths(paths: readonly string[] = []): LintResult {
  return lintCatalog(loadCatalog({ paths }));
}
