// What a walk over one script collects: a verdict per command, tag insertions, and the az calls it resolved.
import type { SyntaxNode } from '../shell';
import type { AzCall } from './az/parse-az';
import type { Env } from './values';
import { POLICY_RULES, type Insertion, type PolicyContext, type PolicyVerdict, type Refusal } from './types';

export interface WalkState {
  ctx: PolicyContext;
  text: string;
  verdicts: PolicyVerdict[];
  insertions: Insertion[];
  azCalls: AzCall[];
  /** Substitution nesting, bounded so a pathological script cannot make the check slow. */
  depth: number;
}

export const MAX_DEPTH = 8;

export function shown(state: WalkState, node: SyntaxNode): string {
  return state.text.slice(node.start, node.end);
}

export function refuseNode(state: WalkState, node: SyntaxNode, refusal: Refusal): void {
  state.verdicts.push({
    command: shown(state, node),
    allowed: false,
    rule: refusal.rule,
    reason: refusal.reason,
  });
}

export function allowNode(state: WalkState, node: SyntaxNode, injected: boolean): void {
  state.verdicts.push(
    injected
      ? {
          command: shown(state, node),
          allowed: true,
          rule: POLICY_RULES.tagsInjected,
          reason: 'HayMaker tags added to a create command that lacked them',
        }
      : { command: shown(state, node), allowed: true, rule: POLICY_RULES.ok },
  );
}

/** Names a step may not assign: they change how bash, az or Python behave, or what the run's names are. */
const PROTECTED =
  /^(PATH|IFS|HOME|ENV|BASH_ENV|BASH_.*|SHELLOPTS|BASHOPTS|PS4|PROMPT_COMMAND|GLOBIGNORE|CDPATH|LD_.*|PYTHON.*|NODE_.*|AZURE_.*|HAYMAKER_.*|MSAL_.*|ADAL_.*|REQUESTS_CA_BUNDLE|CURL_CA_BUNDLE|SSL_.*|TMPDIR|OLDPWD|PWD|SHELL|SHLVL|FUNCNAME|.*_PROXY|.*_proxy)$/;

export function variableRefusal(name: string): Refusal | undefined {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
    return { rule: POLICY_RULES.variable, reason: `"${name}" is not a plain variable name` };
  if (PROTECTED.test(name))
    return {
      rule: POLICY_RULES.variable,
      reason: `a step may not set ${name}: it changes how bash, az or their libraries behave, or the run's own values`,
    };
  return undefined;
}

export type { Env };
