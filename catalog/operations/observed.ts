// The committed record of what a sandbox run of each scenario produced: the control-plane operations its own
// principal caused (Activity Log operation names), or why selection refused it. `npm run observe:operations`
// regenerates it; the linter checks each scenario's declared `operations` against it, and the library e2e test
// fails when a fresh sandbox run no longer matches it.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export const OBSERVED_OPERATIONS_FILE = 'observed-operations.json';

const observation = z.union([
  z.object({ operations: z.array(z.string().min(1)) }).strict(),
  z.object({ refused: z.array(z.string().min(1)).min(1) }).strict(),
]);

const observedFile = z
  .object({
    source: z.string().min(1),
    scenarios: z.record(z.string().min(1), observation),
  })
  .strict();

export type ScenarioObservation = z.infer<typeof observation>;
export type ObservedOperations = z.infer<typeof observedFile>;

export const observedOperationsPath = (scenariosDir: string) =>
  path.join(scenariosDir, OBSERVED_OPERATIONS_FILE);

/** Operation names as ARM compares them (without case), one of each, in a stable order. */
export function distinctOperations(names: readonly string[]): string[] {
  const byKey = new Map<string, string>();
  for (const name of names) if (!byKey.has(name.toLowerCase())) byKey.set(name.toLowerCase(), name);
  return [...byKey.values()].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
}

/** The folder's observation file, undefined when it has none; a malformed file is an error (it is committed). */
export function readObservedOperations(scenariosDir: string): ObservedOperations | undefined {
  const file = observedOperationsPath(scenariosDir);
  if (!existsSync(file)) return undefined;
  const parsed = observedFile.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file} is malformed: ${parsed.error.message}`);
  return parsed.data;
}

export function writeObservedOperations(scenariosDir: string, observed: ObservedOperations): void {
  const sorted: ObservedOperations = {
    source: observed.source,
    scenarios: Object.fromEntries(
      Object.entries(observed.scenarios)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([id, o]) => [id, 'operations' in o ? { operations: distinctOperations(o.operations) } : o]),
    ),
  };
  writeFileSync(observedOperationsPath(scenariosDir), `${JSON.stringify(sorted, null, 2)}\n`);
}
