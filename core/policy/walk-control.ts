// Control flow (if, for, while, case): a branch or loop body may run or not, so what it assigns becomes one
// more possible value of each variable; loop bodies are judged twice so a second iteration is covered.
import { childByField, childrenByField, type SyntaxNode } from '../shell';
import { evaluateWord as evaluateWordFields, WordRefusal } from './evaluate-word';
import { cloneEnv, dynamic, mergeEnvs, replaceEnv, text, uniqueAlts, type Alt, type Env } from './values';
import { POLICY_RULES, refuse } from './types';
import { refuseNode, variableRefusal, type WalkState } from './walk-state';
import { walkStatements, wordContext } from './walk-script';

/** Runs `body` on a copy of `env` (a branch or loop body that may not run) and merges the outcomes. */
export function maybe(
  state: WalkState,
  env: Env,
  bodies: ((branchEnv: Env) => void)[],
  alwaysOne: boolean,
): void {
  const outcomes = bodies.map((body) => {
    const branchEnv = cloneEnv(env);
    body(branchEnv);
    return branchEnv;
  });
  replaceEnv(
    env,
    alwaysOne ? mergeEnvs(outcomes[0] ?? env, ...outcomes.slice(1)) : mergeEnvs(env, ...outcomes),
  );
}

function loop(state: WalkState, env: Env, run: (loopEnv: Env) => void): void {
  // Twice: the second pass sees what the first assigned, as a second iteration would.
  maybe(state, env, [run], false);
  maybe(state, env, [run], false);
}

export function forStatement(state: WalkState, node: SyntaxNode, env: Env): void {
  const variable = childByField(node, 'variable');
  const refusal = variable
    ? variableRefusal(variable.text)
    : refuse(POLICY_RULES.construct, 'a for loop without a variable');
  if (refusal || !variable) {
    refuseNode(state, node, refusal!);
    return;
  }
  const items: Alt[] = [];
  const ctx = wordContext(state, env);
  try {
    for (const value of childrenByField(node, 'value')) {
      for (const fields of evaluateWordFields(value, ctx))
        for (const f of fields) items.push(f.kind === 'text' ? text(f.text) : dynamic(f.why, f.owned));
    }
  } catch (error) {
    if (!(error instanceof WordRefusal)) throw error;
    refuseNode(state, node, refuse(POLICY_RULES.unresolved, error.message));
    return;
  }
  if (childrenByField(node, 'value').length === 0) items.push(dynamic('the positional parameters'));
  const body = childByField(node, 'body');
  loop(state, env, (loopEnv) => {
    loopEnv.set(variable.text, uniqueAlts(items));
    walkStatements(state, body ? body.children.filter((c) => c.named) : [], loopEnv);
  });
}

export function ifStatement(state: WalkState, node: SyntaxNode, env: Env): void {
  walkStatements(
    state,
    childrenByField(node, 'condition').filter((c) => c.named),
    env,
  );
  const thenBody = node.children.filter(
    (c) => c.named && !c.field && c.type !== 'elif_clause' && c.type !== 'else_clause',
  );
  const branches: ((e: Env) => void)[] = [(e) => walkStatements(state, thenBody, e)];
  let hasElse = false;
  for (const clause of node.children.filter((c) => c.type === 'elif_clause' || c.type === 'else_clause')) {
    if (clause.type === 'else_clause') hasElse = true;
    branches.push((e) =>
      walkStatements(
        state,
        clause.children.filter((c) => c.named),
        e,
      ),
    );
  }
  maybe(state, env, branches, hasElse);
}

export function whileStatement(state: WalkState, node: SyntaxNode, env: Env): void {
  walkStatements(
    state,
    childrenByField(node, 'condition').filter((c) => c.named),
    env,
  );
  const body = childByField(node, 'body');
  loop(state, env, (loopEnv) => {
    walkStatements(state, body ? body.children.filter((c) => c.named) : [], loopEnv);
    walkStatements(
      state,
      childrenByField(node, 'condition').filter((c) => c.named),
      loopEnv,
    );
  });
}

export function caseStatement(state: WalkState, node: SyntaxNode, env: Env): void {
  const value = childByField(node, 'value');
  if (value) {
    try {
      evaluateWordFields(value, wordContext(state, env));
    } catch (error) {
      if (!(error instanceof WordRefusal)) throw error;
      refuseNode(state, node, refuse(POLICY_RULES.unresolved, error.message));
    }
  }
  const items = node.children.filter((c) => c.type === 'case_item');
  maybe(
    state,
    env,
    items.map(
      (item) => (e: Env) =>
        walkStatements(
          state,
          item.children.filter((c) => c.named && c.field !== 'value'),
          e,
        ),
    ),
    false,
  );
}
