// CLI: `node dist/bicep/checks/main.js [folder]` checks bicep/ (or the folder) and exits 1 on any violation.
import { resolve, sep } from 'node:path';
import { PROJECT_CHECK_OPTIONS, runChecks } from './run-checks';
import { formatViolation } from './violation';

export function main(argv: readonly string[]): number {
  // Compiled: dist/bicep/checks; under ts-node/jest: bicep/checks.
  const repository = __dirname.includes(`${sep}dist${sep}`)
    ? resolve(__dirname, '..', '..', '..')
    : resolve(__dirname, '..', '..');
  const root = resolve(argv[0] ?? resolve(repository, 'bicep'));
  const result = runChecks(root, PROJECT_CHECK_OPTIONS);
  for (const v of result.violations) process.stderr.write(`${formatViolation(v)}\n`);
  process.stdout.write(
    `bicep checks: ${result.files.length} files, ${result.violations.length} violations (${root})\n`,
  );
  return result.violations.length === 0 ? 0 : 1;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
