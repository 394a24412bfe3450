// Lint output: `file:line: severity rule: message`, as editors and CI annotations read it, or JSON.
import type { LintResult } from './index';

export function formatLintText(result: LintResult): string {
  const lines = result.issues.map((i) => `${i.file}:${i.line}: ${i.severity} ${i.rule}: ${i.message}`);
  lines.push(
    `${result.files} file(s), ${result.scenarios} scenario(s): ${result.errors} error(s), ${result.warnings} warning(s)`,
  );
  return `${lines.join('\n')}\n`;
}

export function formatLintJson(result: LintResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}
