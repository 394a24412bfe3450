// One az invocation: parsed as az parses it, then judged by what it targets.
import type { SyntaxNode } from '../../shell';
import { POLICY_RULES, refuse, type PolicyContext, type Refusal } from '../types';
import type { Env, Field } from '../values';
import type { WalkState } from '../walk-state';
import { classify, forbiddenReason } from './classify';
import { judgeEntra } from './entra';
import { judgeRest } from './rest';
import { judgeRoles } from './roles';
import { foreignTagKeys, tagInsertions } from './tags';
import { judgeTargets } from './targets';
import { allValues, fieldText, parseAz, type AzCall } from './parse-az';

function subscriptionProblem(call: AzCall, ctx: PolicyContext): Refusal | undefined {
  const pinned = ctx.subscriptionId.toLowerCase();
  for (const f of allValues(call, '--subscription')) {
    if (f.kind !== 'text' || f.text.toLowerCase() !== pinned)
      return refuse(
        POLICY_RULES.subscriptionPinned,
        `--subscription ${fieldText(f)} is not the run's subscription ${ctx.subscriptionId}`,
      );
  }
  for (const option of call.options) {
    for (const f of option.values) {
      if (f.kind !== 'text') continue;
      for (const m of f.text.matchAll(/\/subscriptions\/([^/\s"'?#]+)/gi)) {
        if (m[1]!.toLowerCase() !== pinned)
          return refuse(
            POLICY_RULES.subscriptionPinned,
            `"${f.text}" names subscription ${m[1]}, not the run's subscription ${ctx.subscriptionId}`,
          );
      }
    }
  }
  return undefined;
}

export function judgeAzCall(call: AzCall, ctx: PolicyContext): Refusal | undefined {
  if (call.path.length === 0) return refuse(POLICY_RULES.azForbidden, 'az needs a command');
  const forbidden = forbiddenReason(call.path);
  if (forbidden) return refuse(POLICY_RULES.azForbidden, forbidden);
  if (call.path[0] === 'account' && call.path[1] === 'set' && allValues(call, '--subscription').length === 0)
    return refuse(
      POLICY_RULES.subscriptionPinned,
      'az account set must name the run subscription with --subscription',
    );
  const pinned = subscriptionProblem(call, ctx);
  if (pinned) return pinned;
  if (call.path[0] === 'rest') return judgeRest(call, ctx);
  if (call.path[0] === 'role') {
    const verdict = judgeRoles(call, ctx);
    if (verdict !== 'not-mine') return verdict;
  }
  if (call.path[0] === 'ad') return judgeEntra(call, ctx);
  const kind = classify(call);
  if (kind === 'read') return undefined;
  if (call.path[0] === 'account' && call.path[1] === 'set') return undefined;
  return judgeTargets(call, kind, ctx) ?? foreignTagKeys(call, ctx);
}

/** Judges `az <args>`; on success records the call and any tag insertion. */
export function judgeAz(state: WalkState, node: SyntaxNode, args: Field[], _env: Env): Refusal | undefined {
  const call = parseAz(node, args, state.text);
  if ('rule' in call) return call;
  const refusal = judgeAzCall(call, state.ctx);
  if (refusal) return refusal;
  state.azCalls.push(call);
  state.insertions.push(...tagInsertions(call, state.ctx));
  return undefined;
}
