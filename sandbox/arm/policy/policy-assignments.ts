// Azure Policy assignments at resource-group scope (PolicyAssignments_Create/Get/Delete/ListForResourceGroup,
// specification/resources/resource-manager/Microsoft.Authorization/policy): the definition must exist (the built-ins the
// sandbox knows are committed with their source), its parameters must be given exactly (MissingPolicyParameter,
// UndefinedPolicyParameter), and the caller needs Microsoft.Authorization/policyAssignments/* (not in Contributor,
// whose NotActions exclude Microsoft.Authorization/*/Write; granted by Resource Policy Contributor). The sandbox does
// not evaluate policies: an assignment changes nothing about later requests.
import { z } from 'zod';
import { azureError, type SandboxResponse } from '../../core/http';
import type { ServiceContext } from '../../core/service';
import { idKey } from '../resource-id';
import { armState } from '../store';
import builtIns from './built-in-policy-definitions.json';

const policyDefinitionSchema = z.object({
  id: z.string(),
  name: z.string(),
  properties: z
    .object({
      displayName: z.string(),
      policyType: z.string(),
      mode: z.string(),
      parameters: z
        .record(
          z.string(),
          z.object({ type: z.string(), defaultValue: z.unknown().optional() }).passthrough(),
        )
        .optional(),
    })
    .passthrough(),
});
export type PolicyDefinition = z.infer<typeof policyDefinitionSchema>;

export interface PolicyAssignment {
  id: string;
  name: string;
  type: 'Microsoft.Authorization/policyAssignments';
  properties: {
    displayName?: string;
    description?: string;
    policyDefinitionId: string;
    scope: string;
    notScopes: string[];
    parameters?: Record<string, { value: unknown }>;
    enforcementMode: 'Default' | 'DoNotEnforce';
    metadata: Record<string, unknown>;
  };
}

const definitions = z.object({ definitions: z.array(policyDefinitionSchema) }).parse(builtIns).definitions;

export const builtInPolicyDefinition = (name: string): PolicyDefinition | undefined =>
  definitions.find((d) => d.name.toLowerCase() === name.toLowerCase());

export function policyAssignments(ctx: ServiceContext): Record<string, PolicyAssignment> {
  const state = armState(ctx);
  state.policyAssignments ??= {};
  return state.policyAssignments;
}

interface AssignmentBody {
  properties?: {
    displayName?: string;
    description?: string;
    policyDefinitionId?: string;
    notScopes?: string[];
    parameters?: Record<string, { value: unknown }>;
    enforcementMode?: string;
    metadata?: Record<string, unknown>;
  };
}

/** The stored assignment, or ARM's refusal of the request body. */
export function newAssignment(
  ctx: ServiceContext,
  scope: string,
  name: string,
  body: unknown,
  createdBy: string | undefined,
): PolicyAssignment | SandboxResponse {
  const p = (body as AssignmentBody | undefined)?.properties ?? {};
  const definitionId = p.policyDefinitionId ?? '';
  const builtIn = /^\/providers\/Microsoft\.Authorization\/policyDefinitions\/([^/]+)$/i.exec(definitionId);
  const definition = builtIn ? builtInPolicyDefinition(builtIn[1]) : undefined;
  if (!definition)
    return azureError(
      404,
      'PolicyDefinitionNotFound',
      `The policy definition '${definitionId.split('/').pop() ?? definitionId}' could not be found.`,
    );
  const declared = definition.properties.parameters ?? {};
  const given = p.parameters ?? {};
  const undefinedNames = Object.keys(given).filter((k) => !(k in declared));
  if (undefinedNames.length > 0)
    return azureError(
      400,
      'UndefinedPolicyParameter',
      `The policy assignment '${name}' has the parameter(s) '${undefinedNames.join(', ')}' which are not defined in the policy definition '${definition.name}'.`,
    );
  const missing = Object.entries(declared)
    .filter(([k, d]) => d.defaultValue === undefined && given[k] === undefined)
    .map(([k]) => k);
  if (missing.length > 0)
    return azureError(
      400,
      'MissingPolicyParameter',
      `The policy assignment '${name}' is missing the parameter(s) '${missing.join(', ')}' as defined in the policy definition '${definition.name}'.`,
    );
  const mode = p.enforcementMode ?? 'Default';
  if (mode !== 'Default' && mode !== 'DoNotEnforce')
    return azureError(
      400,
      'InvalidRequestContent',
      `The request content was invalid and could not be deserialized: enforcementMode '${mode}' is not one of Default, DoNotEnforce.`,
    );
  const now = new Date(ctx.clock.now()).toISOString();
  const existing =
    policyAssignments(ctx)[idKey(`${scope}/providers/Microsoft.Authorization/policyAssignments/${name}`)];
  return {
    id: `${scope}/providers/Microsoft.Authorization/policyAssignments/${name}`,
    name,
    type: 'Microsoft.Authorization/policyAssignments',
    properties: {
      ...(p.displayName !== undefined ? { displayName: p.displayName } : {}),
      ...(p.description !== undefined ? { description: p.description } : {}),
      policyDefinitionId: definition.id,
      scope,
      notScopes: p.notScopes ?? [],
      ...(p.parameters ? { parameters: p.parameters } : {}),
      enforcementMode: mode,
      metadata: {
        ...(p.metadata ?? {}),
        createdBy: (existing?.properties.metadata.createdBy as string | undefined) ?? createdBy,
        createdOn: (existing?.properties.metadata.createdOn as string | undefined) ?? now,
        ...(existing ? { updatedBy: createdBy, updatedOn: now } : {}),
      },
    },
  };
}
