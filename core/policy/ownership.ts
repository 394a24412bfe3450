// "Owned by this run" as the policy can see it from text: the run's short name, its id, or an id it created.
import type { PolicyContext } from './types';

export function mentionsRun(value: string, ctx: PolicyContext): boolean {
  const lower = value.toLowerCase();
  if (lower.includes(ctx.runShort.toLowerCase()) || lower.includes(ctx.runId.toLowerCase())) return true;
  return (ctx.createdIds ?? []).some((id) => id.length >= 8 && lower.includes(id.toLowerCase()));
}

/** Option values that name the object a command acts on (as opposed to flags like --query or --output). */
export function identifyingValues(options: Map<string, string[]>): string[] {
  const identifying = /^(--ids?|-n|-g|-s|--resource-group|--scope|--scopes|--assignee|--server|--plan|--registry|--url|--uri|--vault|--account|--parent|--.*-name|--name)$/;
  return [...options.entries()].filter(([name]) => identifying.test(name)).flatMap(([, values]) => values);
}
