// The front matter of a scenario document, validated at the boundary (zod) so every consumer gets typed data.
import { z } from 'zod';

export const AREAS = [
  'ai-ml',
  'analytics',
  'compute',
  'containers',
  'databases',
  'hybrid-multicloud',
  'identity',
  'networking',
  'security',
  'web-apps',
] as const;
export type Area = (typeof AREAS)[number];

/** Roles a scenario's service principal may hold: the command policy refuses anything stronger. */
export const ALLOWED_ROLES = ['Contributor', 'User Access Administrator', 'Reader'] as const;

export const COST_CLASSES = ['free', 'low', 'medium', 'high'] as const;

/** `Namespace/type[/subtype…]/write|delete|action`, e.g. `Microsoft.App/jobs/start/action`. */
export const operationNamePattern =
  /^[A-Za-z0-9]+(\.[A-Za-z0-9]+)+(\/[A-Za-z0-9.-]+)+\/(write|delete|action)$/;

const minutes = z
  .number()
  .positive()
  .max(24 * 60);

export const frontMatterSchema = z.object({
  id: z.string().min(1),
  area: z.enum(AREAS),
  title: z.string().min(1),
  description: z.string().min(1),
  services: z.array(z.string().min(1)).min(1),
  roles: z.array(z.enum(ALLOWED_ROLES)),
  graphPermissions: z.array(z.string().min(1)).default([]),
  cost: z.object({
    class: z.enum(COST_CLASSES),
    estimatedUsdPerHour: z.number().nonnegative(),
  }),
  durations: z.object({ deploy: minutes, operate: minutes, cleanup: minutes }),
  enabled: z.boolean(),
  /**
   * The control-plane operations a run of the scenario must produce, as the Activity Log names them
   * (`Microsoft.Storage/storageAccounts/write`): checked against a sandbox run by the linter, shown as coverage.
   */
  operations: z
    .array(z.string().regex(operationNamePattern, 'an operation name ends in /write, /delete or /action'))
    .default([]),
  variables: z
    .record(z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'variable names are upper-case shell names'), z.string())
    .default({}),
});

export type ScenarioFrontMatter = z.infer<typeof frontMatterSchema>;

export function isArea(value: unknown): value is Area {
  return typeof value === 'string' && (AREAS as readonly string[]).includes(value);
}
