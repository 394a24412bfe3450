// "Owned by this run", decided on the exact value az will use (after bash and az have expanded it): a name that
// carries the run's short id, an ARM id whose resource group does, or the output of a lookup of such a thing.
// Mentioning the short id elsewhere (a fallback default, a URL fragment, a file) proves nothing.
import type { PolicyContext } from '../types';
import type { Field } from '../values';

export function ownedName(value: string, ctx: PolicyContext): boolean {
  return value.toLowerCase().includes(ctx.runShort.toLowerCase());
}

/** A resource group is the run's when it is one of the scenario's own groups (when known), else by the short id. */
export function ownedGroup(name: string, ctx: PolicyContext): boolean {
  if (ctx.resourceGroups === undefined) return ownedName(name, ctx);
  return ctx.resourceGroups.some((group) => group.toLowerCase() === name.toLowerCase());
}

function groupNotOwned(name: string, ctx: PolicyContext): string {
  return ctx.resourceGroups === undefined
    ? `resource group "${name}" is not one of this run's (its name lacks "${ctx.runShort}")`
    : `resource group "${name}" is not one of this scenario's (${ctx.resourceGroups.join(', ')})`;
}

export interface ArmId {
  subscription?: string;
  resourceGroup?: string;
  /** Everything after the subscription or resource group (`/providers/…`). */
  rest: string;
}

const ARM_ID = /^\/subscriptions\/([^/]+)(?:\/resourcegroups\/([^/]+))?(\/.*)?$/i;

export function parseArmId(value: string): ArmId | undefined {
  const m = ARM_ID.exec(value.trim());
  if (m) return { subscription: m[1], resourceGroup: m[2], rest: m[3] ?? '' };
  if (/^\/providers\//i.test(value)) return { rest: value };
  return undefined;
}

/** Why an ARM id is not the run's, or undefined when it is. */
export function armIdProblem(field: Field, ctx: PolicyContext): string | undefined {
  if (field.kind === 'dynamic')
    return field.owned
      ? undefined
      : `${field.why} is decided at run time and is not a lookup of something this run owns`;
  const value = field.text;
  if (/(^|\/)\.\.?(\/|$)|\/\/|%2f|%2e/i.test(value)) return `"${value}" is not a plain resource id`;
  const id = parseArmId(value);
  if (!id) return `"${value}" is not a resource id`;
  if (id.subscription === undefined) return `"${value}" is outside any subscription`;
  if (id.subscription.toLowerCase() !== ctx.subscriptionId.toLowerCase())
    return `"${value}" is in subscription ${id.subscription}, not the run's`;
  if (id.resourceGroup === undefined)
    return `"${value}" is the subscription itself, not a resource group of this run`;
  if (!ownedGroup(id.resourceGroup, ctx)) return groupNotOwned(id.resourceGroup, ctx);
  return undefined;
}

/** A resource group given by name must be one of the run's (ownedGroup); a lookup of a run-owned thing also counts. */
export function groupProblem(field: Field, ctx: PolicyContext): string | undefined {
  if (field.kind === 'dynamic')
    return field.owned
      ? undefined
      : `${field.why} is decided at run time and is not a lookup of something this run owns`;
  // `--resource` abbreviates `--resource-group` for the policy, which does not know each command's own options (for
  // `az monitor diagnostic-settings create` it is the resource's id): an id is judged as an id.
  if (parseArmId(field.text)) return armIdProblem(field, ctx);
  return ownedGroup(field.text, ctx) ? undefined : groupNotOwned(field.text, ctx);
}

/** Names given as text must carry the short id; a lookup of a run-owned thing also counts. */
export function nameProblem(field: Field, ctx: PolicyContext): string | undefined {
  if (field.kind === 'dynamic')
    return field.owned
      ? undefined
      : `${field.why} is decided at run time and is not a lookup of something this run owns`;
  return ownedName(field.text, ctx)
    ? undefined
    : `"${field.text}" is not a name of this run (it lacks "${ctx.runShort}")`;
}
