// The policy entry points: parse a bash text with the shared parser, walk it as bash would run it, and
// build one verdict per command plus the text with HayMaker tags injected.
import { parseBash } from '../shell';
import type { AzCall } from './az/parse-az';
import { text, type Env } from './values';
import { POLICY_RULES, type Insertion, type PolicyContext, type PolicyVerdict } from './types';
import type { WalkState } from './walk-state';
import { walkStatements } from './walk-script';
import { tagsForAzCli } from '../tags';

export interface ScriptVerdict {
  allowed: boolean;
  /** One verdict per command (substitutions first, then the command that holds them), in order of appearance. */
  verdicts: PolicyVerdict[];
  /** The whole text with tags injected, when any create lacked them. */
  rewritten?: string;
  /** The az invocations as az will parse them (allowed ones), for events. */
  azCalls: AzCall[];
}

function initialEnv(ctx: PolicyContext): Env {
  const values: Record<string, string> = {
    AZURE_SUBSCRIPTION_ID: ctx.subscriptionId,
    HAYMAKER_RUN_ID: ctx.runId,
    HAYMAKER_RUN_SHORT: ctx.runShort,
    HAYMAKER_TAGS:
      Object.keys(ctx.tags).length > 0
        ? tagsForAzCli(ctx.tags)
        : `AzureHayMaker-managed=true ExecutionId=${ctx.runId}`,
    ...(ctx.env ?? {}),
  };
  return new Map(Object.entries(values).map(([k, v]) => [k, [text(v)]]));
}

function applyInsertions(source: string, insertions: Insertion[]): string {
  const unique = new Map(insertions.map((i) => [`${i.offset}:${i.text}`, i]));
  let out = source;
  for (const ins of [...unique.values()].sort((a, b) => b.offset - a.offset))
    out = out.slice(0, ins.offset) + ins.text + out.slice(ins.offset);
  return out;
}

/** Judges every command in a bash text (a scenario step or a model suggestion) as bash would run it. */
export function checkScript(source: string, ctx: PolicyContext): ScriptVerdict {
  const parsed = parseBash(source);
  if (parsed.problems.length > 0) {
    const p = parsed.problems[0]!;
    return {
      allowed: false,
      azCalls: [],
      verdicts: [
        {
          command: source,
          allowed: false,
          rule: POLICY_RULES.unparseable,
          reason: `the text is not bash the parser can follow (line ${p.line + 1}: ${p.kind === 'missing' ? `missing ${p.text}` : `near "${p.text}"`}); fix the quoting or structure`,
        },
      ],
    };
  }
  const state: WalkState = { ctx, text: source, verdicts: [], insertions: [], azCalls: [], depth: 0 };
  walkStatements(
    state,
    parsed.root.children.filter((c) => c.named),
    initialEnv(ctx),
  );
  const seen = new Set<string>();
  const verdicts = state.verdicts.filter((v) => {
    const key = `${v.command}\0${v.allowed}\0${v.rule}\0${v.reason ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const allowed = verdicts.every((v) => v.allowed);
  const rewritten =
    allowed && state.insertions.length > 0 ? applyInsertions(source, state.insertions) : undefined;
  return { allowed, verdicts, azCalls: state.azCalls, ...(rewritten !== undefined ? { rewritten } : {}) };
}

/** One verdict for a whole command text: the first refusal, else allowed (with `rewritten` when tags were injected). */
export function checkCommand(command: string, ctx: PolicyContext): PolicyVerdict {
  const result = checkScript(command, ctx);
  const refused = result.verdicts.find((v) => !v.allowed);
  if (refused)
    return {
      command,
      allowed: false,
      rule: refused.rule,
      reason: refused.command === command ? refused.reason : `${refused.reason} (in: ${refused.command})`,
    };
  if (result.rewritten !== undefined)
    return { command, allowed: true, rule: POLICY_RULES.tagsInjected, rewritten: result.rewritten };
  return { command, allowed: true, rule: POLICY_RULES.ok };
}
