// "Owned by this run" as the policy can see it from text: the run's short name, its id, or an id it created.
import type { PolicyContext } from './types';

export function mentionsRun(value: string, ctx: PolicyContext): boolean {
  const lower = value.toLowerCase();
  if (lower.includes(ctx.runShort.toLowerCase()) || lower.includes(ctx.runId.toLowerCase())) return true;
  return (ctx.createdIds ?? []).some((id) => id.length >= 8 && lower.includes(id.toLowerCase()));
}

const IDENTIFYING =
  /^(--ids?|-n|-g|-s|--resource-group|--scope|--scopes|--assignee|--server|--plan|--registry|--url|--uri|--vault|--account|--parent|--.*-name|--name)$/;
const BY_ID = new Set(['--ids', '--id', '--scope', '--scopes', '--url', '--uri']);
const OWN_NAME = new Set(['--name', '-n']);

/** Option values that name the object a command acts on (as opposed to flags like --query or --output). */
export function identifyingValues(options: Map<string, string[]>): string[] {
  return [...options.entries()].filter(([name]) => IDENTIFYING.test(name)).flatMap(([, values]) => values);
}

/**
 * Whether the target of a command belongs to the run: every id it names does; or, without ids, every
 * value of its own name flag does, or every value of one parent flag (resource group, account, vault,
 * server…) does — a child of a run-owned parent is run-owned. "Every" so that a second `--name` cannot
 * smuggle in a foreign target next to an owned one.
 */
export function targetsRunOwned(options: Map<string, string[]>, ctx: PolicyContext): boolean {
  const flags = [...options.entries()].filter(
    ([name, values]) => IDENTIFYING.test(name) && values.length > 0,
  );
  const owned = (values: string[]): boolean => values.every((v) => mentionsRun(v, ctx));
  const ids = flags.filter(([name]) => BY_ID.has(name));
  if (ids.length > 0) return ids.every(([, values]) => owned(values));
  const names = flags.filter(([name]) => OWN_NAME.has(name)).flatMap(([, values]) => values);
  if (names.length > 0 && owned(names)) return true;
  return flags.some(([name, values]) => !OWN_NAME.has(name) && owned(values));
}
