import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The official REST examples the contract tests check the sandbox against: the copies committed in
 * tests/sandbox/fixtures/azure-rest-examples/ (sources in its SOURCES.md), or another folder of the same shape
 * named by HAYMAKER_REST_EXAMPLES (DESIGN.md §7a).
 */
export const examplesRoot =
  process.env.HAYMAKER_REST_EXAMPLES ?? join(__dirname, '..', 'fixtures', 'azure-rest-examples');

export interface RestExample {
  /** Path under the examples root, e.g. `resources/2025-04-01/CreateResourceGroup.json`. */
  file: string;
  folder: string;
  operationId: string;
  parameters: Record<string, unknown>;
  responses: Record<string, { headers?: Record<string, string>; body?: unknown }>;
}

/** Operation ids from SOURCES.md (first word of its operation column), for files that do not carry one. */
function sourcesOperations(): Map<string, string> {
  const map = new Map<string, string>();
  const sources = join(examplesRoot, 'SOURCES.md');
  if (!existsSync(sources)) return map;
  for (const line of readFileSync(sources, 'utf8').split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    const file = /^`([^`]+\.json)`$/.exec(cells[1] ?? '')?.[1];
    const op = /^([A-Za-z_]+)/.exec(cells[5] ?? '')?.[1];
    if (file && op) map.set(file, op);
  }
  return map;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : name.endsWith('.json') ? [full] : [];
  });
}

/** Every x-ms-example under the given top-level folders (files in another shape are skipped). */
export function loadExamples(folders: string[]): RestExample[] {
  const ops = sourcesOperations();
  return folders
    .filter((f) => existsSync(join(examplesRoot, f)))
    .flatMap((folder) => walk(join(examplesRoot, folder)))
    .map((full) => {
      const file = relative(examplesRoot, full);
      const doc = JSON.parse(readFileSync(full, 'utf8')) as Record<string, any>;
      if (!doc.parameters || !doc.responses) return undefined;
      const base = file
        .split('/')
        .pop()!
        .replace(/\.json$/, '');
      return {
        file,
        folder: file.split('/')[0],
        operationId: (doc.operationId as string | undefined) ?? ops.get(file) ?? base,
        parameters: doc.parameters,
        responses: doc.responses,
      } satisfies RestExample;
    })
    .filter((e): e is RestExample => e !== undefined);
}
