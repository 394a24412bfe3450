// The Functions app's one deployment package (packaging/app-package.ts): what it contains and what it leaves out, and
// that the packaged entry loads on its own (in a folder outside the repository, so no module can be found in the
// repository's node_modules by accident) and registers the same functions as dist/app/main.js.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildAppPackage, type AppPackage } from '../../packaging/app-package';
import { isScenarioFileName } from '../../catalog/load';

jest.setTimeout(180_000);

const repository = join(__dirname, '..', '..');
let outDir: string;
let pkg: AppPackage;

beforeAll(() => {
  outDir = join(mkdtempSync(join(tmpdir(), 'haymaker-package-')), 'functionapp');
  pkg = buildAppPackage(repository, outDir);
});
afterAll(() => rmSync(join(outDir, '..'), { recursive: true, force: true }));

/** Loads an app entry the way the embedded host does and lists what it registered; then requires every file given. */
const loader = `
const { loadApp } = require(process.env.LOAD_APP);
const [entry, ...others] = JSON.parse(process.env.FILES);
const names = loadApp(entry).registrations.map((r) => r.name).sort();
const failed = [];
for (const file of others) {
  try { require(file); } catch (error) { failed.push(file + ': ' + error.message); }
}
process.stdout.write(JSON.stringify({ names, failed }));
`;

function load(files: string[]): Promise<{ names: string[]; failed: string[] }> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['-e', loader],
      {
        cwd: tmpdir(),
        env: {
          PATH: process.env.PATH ?? '',
          LOAD_APP: join(repository, 'dist', 'embedded-host', 'load-app.js'),
          FILES: JSON.stringify(files),
        },
        timeout: 120_000,
        maxBuffer: 1 << 24,
      },
      (error, stdout, stderr) =>
        error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(JSON.parse(stdout)),
    );
  });
}

describe('the Functions app package', () => {
  it('holds host.json, package.json, the compiled app, the scenarios and node_modules, nothing else', () => {
    expect(readdirSync(outDir).sort()).toEqual([
      'dist',
      'host.json',
      'node_modules',
      'package.json',
      'scenarios',
    ]);
    const manifest = JSON.parse(readFileSync(join(outDir, 'package.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(manifest.main).toBe('dist/app/main.js');
    expect(manifest).not.toHaveProperty('scripts');
    expect(manifest).not.toHaveProperty('devDependencies');
    expect(readFileSync(join(outDir, 'host.json'), 'utf8')).toBe(
      readFileSync(join(repository, 'host.json'), 'utf8'),
    );
  });

  it('leaves out the sandbox, the embedded host, the CLI, tests, bench, TypeScript sources and source maps', () => {
    const own = pkg.files.filter((f) => !f.startsWith('node_modules/'));
    const topFolders = new Set(own.filter((f) => f.startsWith('dist/')).map((f) => f.split('/')[1]));
    for (const folder of [
      'sandbox',
      'embedded-host',
      'cli',
      'tests',
      'bench',
      'packaging',
      'bicep',
      'agent-runtime',
    ])
      expect({ folder, shipped: topFolders.has(folder) }).toEqual({ folder, shipped: false });
    expect(own.filter((f) => f.endsWith('.ts') || f.endsWith('.map'))).toEqual([]);
    expect(
      own.filter((f) => f.startsWith('dist/')).every((f) => f.endsWith('.js') || f.endsWith('.json')),
    ).toBe(true);
    for (const forbidden of ['.ci/', '.github/', 'docs/', 'local.settings.json', '.env', '.haymaker/'])
      expect(own.some((f) => f.startsWith(forbidden))).toBe(false);
  });

  it('ships every scenario document and no authoring documentation', () => {
    const shipped = pkg.files
      .filter((f) => f.startsWith('scenarios/'))
      .map((f) => f.slice('scenarios/'.length));
    const library = readdirSync(join(repository, 'scenarios')).filter(isScenarioFileName).sort();
    expect(shipped).toEqual(library);
    expect(shipped).toHaveLength(50);
  });

  it('ships only the production dependencies the app requires, and no native binary to rebuild on Azure', () => {
    const topModules = new Set(
      pkg.files
        .filter((f) => f.startsWith('node_modules/'))
        .map((f) =>
          f
            .split('/')
            .slice(0, f.startsWith('node_modules/@') ? 3 : 2)
            .join('/'),
        ),
    );
    for (const name of pkg.requiredPackages) expect(topModules).toContain(`node_modules/${name}`);
    // Dev tools and the local stand-ins stay home.
    for (const dev of ['jest', 'typescript', 'eslint', 'azurite', 'commander', 'rhea', 'tree-sitter'])
      expect(topModules.has(`node_modules/${dev}`)).toBe(false);
    expect(pkg.files.filter((f) => f.endsWith('.node'))).toEqual([]);
  });

  it('loads on its own: the entry registers what dist/app/main.js registers, and every packaged module loads', async () => {
    const packagedJs = pkg.files
      .filter((f) => f.startsWith('dist/') && f.endsWith('.js') && f !== 'dist/app/main.js')
      .map((f) => join(outDir, f));
    const [packaged, built] = await Promise.all([
      load([join(outDir, 'dist', 'app', 'main.js'), ...packagedJs]),
      load([join(repository, 'dist', 'app', 'main.js')]),
    ]);
    expect(packaged.failed).toEqual([]);
    expect(packaged.names.length).toBeGreaterThan(20);
    expect(packaged.names).toEqual(built.names);
  });
});
