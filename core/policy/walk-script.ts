// Walks a parsed script in the order bash runs it, tracking what each variable may hold, and judges every
// command (those inside $(…), here-document bodies, conditions and loop bodies included).
import { childByField, childrenByField, type SyntaxNode } from '../shell';
import { judgeCommand } from './judge-command';
import { evaluateAssignedValue, WordRefusal, type WordContext } from './evaluate-word';
import { judgeRedirects } from './redirects';
import { substitutionValue } from './substitution';
import { cloneEnv, dynamic, text, uniqueAlts, type Alt, type Env } from './values';
import { POLICY_RULES, refuse } from './types';
import { MAX_DEPTH, refuseNode, variableRefusal, type WalkState } from './walk-state';
import { caseStatement, forStatement, ifStatement, maybe, whileStatement } from './walk-control';

/** Statement types the policy understands; anything else (functions, coproc, select, arithmetic) is refused. */
const CONSTRUCT_REASONS: Record<string, string> = {
  function_definition: 'functions hide which commands run; write the commands out in the step',
  c_style_for_statement: 'arithmetic loops are not needed by scenario steps; loop over a written-out list',
  arithmetic_expansion: 'arithmetic on variables can run commands (array subscripts); use literal numbers',
};

export function wordContext(state: WalkState, env: Env): WordContext {
  return { env, substitute: (node) => judgeSubstitution(state, node, env) };
}

function judgeSubstitution(state: WalkState, node: SyntaxNode, env: Env): Alt {
  if (state.depth >= MAX_DEPTH) {
    refuseNode(
      state,
      node,
      refuse(
        POLICY_RULES.unparseable,
        `commands nested more than ${MAX_DEPTH} levels deep cannot be checked`,
      ),
    );
    return dynamic(node.text);
  }
  const inner = node.children.filter((c) => c.named);
  const before = state.azCalls.length;
  state.depth++;
  walkStatements(state, inner, cloneEnv(env));
  state.depth--;
  return substitutionValue(state, node, inner, state.azCalls.slice(before));
}

export function assign(
  state: WalkState,
  node: SyntaxNode,
  env: Env,
  name: string,
  valueNode: SyntaxNode | undefined,
): boolean {
  const refusal = variableRefusal(name);
  if (refusal) {
    refuseNode(state, node, refusal);
    return false;
  }
  try {
    env.set(name, uniqueAlts(evaluateAssignedValue(valueNode, wordContext(state, env))));
  } catch (error) {
    if (!(error instanceof WordRefusal)) throw error;
    refuseNode(state, node, refuse(POLICY_RULES.unresolved, error.message));
    return false;
  }
  return true;
}

function assignmentStatement(state: WalkState, node: SyntaxNode, env: Env): void {
  const parts =
    node.type === 'variable_assignment'
      ? [node]
      : node.children.filter((c) => c.type === 'variable_assignment');
  for (const part of parts) {
    const name = childByField(part, 'name');
    if (!name || name.type !== 'variable_name') {
      refuseNode(
        state,
        part,
        refuse(POLICY_RULES.construct, `"${part.text}" assigns to an array element; use plain variables`),
      );
      continue;
    }
    if (part.children.some((c) => c.type === '+=')) {
      refuseNode(
        state,
        part,
        refuse(POLICY_RULES.construct, `"${part.text}" appends with +=; assign the whole value`),
      );
      continue;
    }
    if (assign(state, part, env, name.text, childByField(part, 'value')))
      state.verdicts.push({ command: part.text, allowed: true, rule: POLICY_RULES.ok });
  }
}

function declaration(state: WalkState, node: SyntaxNode, env: Env): void {
  const keyword = node.children[0]?.type ?? '';
  if (keyword !== 'export') {
    refuseNode(
      state,
      node,
      refuse(
        POLICY_RULES.construct,
        `"${keyword}" is not needed by scenario steps (use NAME=value or export)`,
      ),
    );
    return;
  }
  for (const child of node.children.slice(1)) {
    if (child.type === 'variable_assignment') assignmentStatement(state, child, env);
    else if (child.type === 'variable_name') {
      const refusal = variableRefusal(child.text);
      if (refusal) refuseNode(state, node, refusal);
    } else
      refuseNode(
        state,
        node,
        refuse(POLICY_RULES.construct, `"export ${child.text}": export takes NAME or NAME=value`),
      );
  }
}

function unsetStatement(state: WalkState, node: SyntaxNode, env: Env): void {
  for (const child of node.children.slice(1)) {
    const refusal =
      child.type === 'variable_name'
        ? variableRefusal(child.text)
        : refuse(POLICY_RULES.construct, `"unset ${child.text}": unset takes variable names only`);
    if (refusal) {
      refuseNode(state, node, refusal);
      return;
    }
    env.set(child.text, [text('')]);
  }
  state.verdicts.push({ command: node.text, allowed: true, rule: POLICY_RULES.ok });
}

export function walkStatement(state: WalkState, node: SyntaxNode, env: Env): void {
  switch (node.type) {
    case 'comment':
    case 'heredoc_body':
      return;
    case 'command':
      return judgeCommand(state, node, env, []);
    case 'redirected_statement': {
      const body = childByField(node, 'body');
      const redirects = childrenByField(node, 'redirect');
      if (body?.type === 'command') return judgeCommand(state, body, env, redirects);
      judgeRedirects(state, node, redirects, env);
      if (body) walkStatement(state, body, env);
      return;
    }
    case 'variable_assignment':
    case 'variable_assignments':
      return assignmentStatement(state, node, env);
    case 'declaration_command':
      return declaration(state, node, env);
    case 'unset_command':
      return unsetStatement(state, node, env);
    case 'list':
      // `a && b`: b may not run, so what it assigns is only one of the possibilities.
      walkStatement(state, node.children[0]!, env);
      maybe(
        state,
        env,
        [
          (e) =>
            walkStatements(
              state,
              node.children.slice(1).filter((c) => c.named),
              e,
            ),
        ],
        false,
      );
      return;
    case 'pipeline':
      // Every part of a pipeline runs in a subshell: assignments there do not reach the script.
      for (const part of node.children.filter((c) => c.named)) walkStatement(state, part, cloneEnv(env));
      return;
    case 'subshell':
      return walkStatements(
        state,
        node.children.filter((c) => c.named),
        cloneEnv(env),
      );
    case 'compound_statement':
      if (node.children[0]?.type === '((') {
        refuseNode(state, node, refuse(POLICY_RULES.construct, CONSTRUCT_REASONS.arithmetic_expansion!));
        return;
      }
      return walkStatements(
        state,
        node.children.filter((c) => c.named),
        env,
      );
    case 'negated_command':
    case 'do_group':
      return walkStatements(
        state,
        node.children.filter((c) => c.named),
        env,
      );
    case 'if_statement':
      return ifStatement(state, node, env);
    case 'for_statement':
      return forStatement(state, node, env);
    case 'while_statement':
      return whileStatement(state, node, env);
    case 'case_statement':
      return caseStatement(state, node, env);
    case 'test_command':
      return judgeCommand(state, node, env, []);
    default:
      refuseNode(
        state,
        node,
        refuse(
          POLICY_RULES.construct,
          CONSTRUCT_REASONS[node.type] ??
            `"${node.type.replace(/_/g, ' ')}" is not a construct the policy can judge`,
        ),
      );
  }
}

export function walkStatements(state: WalkState, nodes: SyntaxNode[], env: Env): void {
  for (const node of nodes) walkStatement(state, node, env);
}
