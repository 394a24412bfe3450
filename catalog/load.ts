// Loads the scenario library from disk. A malformed document is reported (file and line) and skipped; it
// never stops the others from loading.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { resourceGroupTemplates } from '../core/scenario/resource-groups';
import type { ScenarioGrantRequest, SelectableScenario } from '../core/scenario/selection';
import {
  isParsed,
  parseScenarioDocument,
  type Area,
  type LintIssue,
  type ParsedScenario,
} from '../core/scenario';
import { errorText } from '../core/error-text';

/** Files in the scenarios folder that are documentation, not scenarios. */
const NOT_SCENARIOS = new Set(['scenario_template.md', 'authoring.md', 'readme.md']);

export function isScenarioFileName(name: string): boolean {
  return name.toLowerCase().endsWith('.md') && !NOT_SCENARIOS.has(name.toLowerCase());
}

/** `HAYMAKER_SCENARIOS_DIR`, else the repository's `scenarios/` (found from source or from dist/). */
export function defaultScenariosDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.HAYMAKER_SCENARIOS_DIR) return path.resolve(env.HAYMAKER_SCENARIOS_DIR);
  const candidates = [
    path.resolve(__dirname, '..', 'scenarios'),
    path.resolve(__dirname, '..', '..', 'scenarios'),
  ];
  return (
    candidates.find((dir) => existsSync(path.join(dir, 'SCENARIO_TEMPLATE.md'))) ??
    candidates.find((d) => existsSync(d)) ??
    candidates[0]!
  );
}

export interface LoadedDocument {
  file: string;
  text: string;
  scenario?: ParsedScenario;
  errors: LintIssue[];
}

export interface Catalog {
  dir: string;
  documents: LoadedDocument[];
  /** Every document that parsed, sorted by id. */
  scenarios: ParsedScenario[];
  /** Parse errors and warnings of every document. */
  issues: LintIssue[];
}

/** Paths are shown relative to the working directory, as editors and CI annotations expect. */
function displayPath(absolute: string): string {
  const relative = path.relative(process.cwd(), absolute);
  return relative.startsWith('..') ? absolute : relative;
}

function loadDocument(absolutePath: string): LoadedDocument {
  const file = displayPath(absolutePath);
  let text: string;
  try {
    text = readFileSync(absolutePath, 'utf8');
  } catch (error) {
    const reason = errorText(error);
    return {
      file,
      text: '',
      errors: [
        {
          file,
          line: 1,
          rule: 'file-unreadable',
          severity: 'error',
          message: `could not read the scenario document: ${reason}`,
        },
      ],
    };
  }
  const result = parseScenarioDocument(text, file);
  if (!isParsed(result)) return { file, text, errors: result.errors };
  return { file, text, scenario: result, errors: result.warnings };
}

/** Scenario files of a folder (sorted), or the given files; folders in `paths` are expanded. */
function scenarioFiles(paths: readonly string[]): string[] {
  const files: string[] = [];
  for (const p of paths) {
    const absolute = path.resolve(p);
    if (existsSync(absolute) && statSync(absolute).isDirectory()) {
      for (const name of readdirSync(absolute).sort())
        if (isScenarioFileName(name)) files.push(path.join(absolute, name));
    } else files.push(absolute);
  }
  return files;
}

export function loadCatalog(options: { dir?: string; paths?: readonly string[] } = {}): Catalog {
  const dir = options.dir ?? defaultScenariosDir();
  const paths = options.paths && options.paths.length > 0 ? options.paths : [dir];
  if (!options.paths?.length && !existsSync(dir)) {
    throw new Error(
      `the scenarios folder ${dir} does not exist: set HAYMAKER_SCENARIOS_DIR to the folder holding the scenario documents`,
    );
  }
  const documents = scenarioFiles(paths).map(loadDocument);
  const scenarios = documents
    .flatMap((d) => (d.scenario ? [d.scenario] : []))
    .sort((a, b) => a.id.localeCompare(b.id));
  return { dir, documents, scenarios, issues: documents.flatMap((d) => d.errors) };
}

export interface ScenarioFilter {
  area?: Area | string;
  enabled?: boolean;
}

export function filterScenarios(
  scenarios: readonly ParsedScenario[],
  filter: ScenarioFilter,
): ParsedScenario[] {
  return scenarios.filter(
    (s) =>
      (filter.area === undefined || s.frontMatter.area === filter.area) &&
      (filter.enabled === undefined || s.frontMatter.enabled === filter.enabled),
  );
}

/** The selection input (`selectScenarioIds`) for a loaded catalog. */
export function selectable(scenarios: readonly ParsedScenario[]): (SelectableScenario & {
  title: string;
  grants: ScenarioGrantRequest;
  operations: string[];
  regions?: string[];
})[] {
  return scenarios.map((s) => ({
    id: s.id,
    area: s.frontMatter.area,
    title: s.frontMatter.title,
    enabled: s.frontMatter.enabled,
    operations: s.frontMatter.operations,
    ...(s.frontMatter.regions ? { regions: s.frontMatter.regions } : {}),
    grants: {
      resourceGroupTemplates: resourceGroupTemplates(s.frontMatter),
      roles: s.frontMatter.roles,
      ...(s.frontMatter.roleAssignments ? { roleAssignments: s.frontMatter.roleAssignments } : {}),
      graphPermissions: s.frontMatter.graphPermissions,
    },
  }));
}
