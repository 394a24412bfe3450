// `npm run package:app [-- --out <dir>]`: builds the Functions app's deployment package (packaging/app-package.ts)
// from the compiled dist/ and the installed production dependencies. azd and the deploy workflow both run it.
import { resolve } from 'node:path';
import { buildAppPackage, DEFAULT_PACKAGE_DIR } from './app-package';

function outDirFromArgs(argv: string[]): string | undefined {
  const at = argv.indexOf('--out');
  if (at < 0) return undefined;
  const value = argv[at + 1];
  if (!value) throw new Error('--out takes a folder');
  return resolve(value);
}

const projectRoot = resolve(__dirname, '..', '..');
try {
  const pkg = buildAppPackage(
    projectRoot,
    outDirFromArgs(process.argv.slice(2)) ?? resolve(projectRoot, DEFAULT_PACKAGE_DIR),
  );
  const modules = new Set(
    pkg.files
      .filter((f) => f.startsWith('node_modules/'))
      .map((f) =>
        f
          .split('/')
          .slice(0, f.startsWith('node_modules/@') ? 3 : 2)
          .join('/'),
      ),
  );
  process.stdout.write(`${pkg.dir}\n`);
  process.stderr.write(
    `packaged ${pkg.files.filter((f) => f.startsWith('dist/')).length} compiled files, ${pkg.files.filter((f) => f.startsWith('scenarios/')).length} scenarios and ${modules.size} top-level production packages\n`,
  );
} catch (error) {
  process.stderr.write(`package:app: ${(error as Error).message}\n`);
  process.exit(1);
}
