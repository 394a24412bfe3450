// The front matter of a scenario document, validated at the boundary (zod) so every consumer gets typed data.
import { z } from 'zod';
import { isAzureRegion, normaliseRegion } from '../regions';
import { groupTemplateProblem } from './resource-groups';

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

/** Principal types a role assignment names (`az role assignment create --assignee-principal-type`). */
export const PRINCIPAL_TYPES = ['ServicePrincipal', 'User', 'Group', 'ForeignGroup', 'Device'] as const;

const variableName = z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'variable names are upper-case shell names');

export const COST_CLASSES = ['free', 'low', 'medium', 'high'] as const;

/** `Namespace/type[/subtype…]/write|delete|action`, e.g. `Microsoft.App/jobs/start/action`. */
export const operationNamePattern =
  /^[A-Za-z0-9]+(\.[A-Za-z0-9]+)+(\/[A-Za-z0-9.-]+)+\/(write|delete|action)$/;

const minutes = z
  .number()
  .positive()
  .max(24 * 60);

export const frontMatterSchema = z
  .object({
    id: z.string().min(1),
    area: z.enum(AREAS),
    title: z.string().min(1),
    description: z.string().min(1),
    services: z.array(z.string().min(1)).min(1),
    /**
     * Variables naming the resource groups the orchestrator creates for the scenario (tagged, in AZURE_LOCATION) before
     * the agent runs. Each variable's value is built from ${HAYMAKER_RUN_SHORT} only, so the orchestrator computes it.
     */
    resourceGroups: z
      .array(variableName)
      .min(1, 'declare at least one resource group (a variable such as RG)'),
    /** Built-in roles the scenario principal holds at each of its resource groups (and nowhere else). */
    roles: z
      .array(z.string().min(1))
      .min(1, 'declare the roles the scenario principal needs (e.g. Contributor)'),
    /** Roles the scenario's steps assign to identities they create; HayMaker refuses such scenarios (AUTHORING.md). */
    roleAssignments: z
      .object({
        roles: z.array(z.string().min(1)).min(1),
        principalTypes: z.array(z.enum(PRINCIPAL_TYPES)).min(1),
      })
      .strict()
      .optional(),
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
    /** Regions the scenario's services are offered in (not every service is in every region); absent = any. */
    regions: z
      .array(
        z.string().refine(isAzureRegion, {
          error: (i) => `"${String(i.input)}" is not an Azure region name (az account list-locations)`,
        }),
      )
      .min(1, 'list at least one region, or leave regions out for any')
      .transform((names) => [...new Set(names.map(normaliseRegion))])
      .optional(),
    variables: z.record(variableName, z.string()).default({}),
  })
  .superRefine((fm, ctx) => {
    fm.resourceGroups.forEach((variable, i) => {
      const problem = groupTemplateProblem(fm.variables[variable]);
      if (problem)
        ctx.addIssue({ code: 'custom', path: ['resourceGroups', i], message: `${variable} ${problem}` });
    });
  });

export type ScenarioFrontMatter = z.infer<typeof frontMatterSchema>;

export function isArea(value: unknown): value is Area {
  return typeof value === 'string' && (AREAS as readonly string[]).includes(value);
}
