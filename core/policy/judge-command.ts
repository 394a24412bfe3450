// One simple command: its words expanded as bash would, its redirections, then the program's own rules.
import { childByField, childrenByField, walkSyntax, type SyntaxNode } from '../shell';
import { evaluateWord, WordRefusal } from './evaluate-word';
import { judgeProgram } from './programs';
import { judgeRedirects } from './redirects';
import { MAX_ALTERNATIVES, type Env, type Field } from './values';
import { POLICY_RULES, refuse, type Refusal } from './types';
import { allowNode, refuseNode, type WalkState } from './walk-state';
import { wordContext } from './walk-script';

const IDENTITY_MARKERS =
  /IDENTITY_ENDPOINT|IDENTITY_HEADER|MSI_ENDPOINT|MSI_SECRET|169\.254\.169\.254|\/metadata\/identity|\/msi\/token|localhost:42356|127\.0\.0\.1:42356/i;

function argvAlternatives(state: WalkState, words: SyntaxNode[], env: Env): Field[][] {
  let combos: Field[][] = [[]];
  const ctx = wordContext(state, env);
  for (const word of words) {
    const options = evaluateWord(word, ctx);
    const next: Field[][] = [];
    for (const combo of combos) for (const fields of options) next.push([...combo, ...fields]);
    if (next.length > MAX_ALTERNATIVES)
      throw new WordRefusal(`"${word.text}" and the words before it have too many possible values to check`);
    combos = next;
  }
  return combos;
}

const ARITHMETIC_TESTS = new Set(['-eq', '-ne', '-lt', '-le', '-gt', '-ge']);

function testCommand(state: WalkState, node: SyntaxNode, env: Env): Refusal | undefined {
  let refusal: Refusal | undefined;
  walkSyntax(node, (part) => {
    if (part.type === 'binary_expression') {
      const op = childByField(part, 'operator')?.text ?? '';
      if (
        ARITHMETIC_TESTS.has(op) &&
        [childByField(part, 'left'), childByField(part, 'right')].some((s) => s && !/^-?[0-9]+$/.test(s.text))
      )
        refusal = refuse(
          POLICY_RULES.unresolved,
          `"${part.text}": bash evaluates ${op} operands as arithmetic, which runs commands hidden in a value; compare strings with = instead`,
        );
    }
    if (
      [
        'command_substitution',
        'simple_expansion',
        'expansion',
        'string',
        'concatenation',
        'process_substitution',
        'arithmetic_expansion',
      ].includes(part.type)
    ) {
      evaluateWord(part, wordContext(state, env));
      return false;
    }
    return true;
  });
  return refusal;
}

/** Judges a `command` (or `[ … ]` test) node; `redirects` are those of an enclosing redirected statement. */
export function judgeCommand(state: WalkState, node: SyntaxNode, env: Env, redirects: SyntaxNode[]): void {
  const identity = IDENTITY_MARKERS.exec(node.text)?.[0];
  if (identity) {
    refuseNode(
      state,
      node,
      refuse(
        POLICY_RULES.identityEndpoint,
        `"${identity}" reaches for the agent's managed identity; steps act only as the scenario's service principal`,
      ),
    );
    return;
  }
  try {
    if (!judgeRedirects(state, node, [...redirects, ...childrenByField(node, 'redirect')], env)) return;
    if (node.type === 'test_command') {
      const refusal = testCommand(state, node, env);
      if (refusal) refuseNode(state, node, refusal);
      else allowNode(state, node, false);
      return;
    }
    const prefix = node.children.filter((c) => c.type === 'variable_assignment');
    if (prefix.length > 0) {
      refuseNode(
        state,
        node,
        refuse(
          POLICY_RULES.variable,
          `"${prefix.map((p) => p.text).join(' ')}" changes the environment of the program it prefixes; assign variables on their own line`,
        ),
      );
      return;
    }
    const name = childByField(node, 'name');
    const words = [...(name ? [name.children[0] ?? name] : []), ...childrenByField(node, 'argument')];
    const before = state.insertions.length;
    for (const argv of argvAlternatives(state, words, env)) {
      const decoded = argv.find((f) => f.kind === 'text' && IDENTITY_MARKERS.test(f.text));
      const refusal = decoded
        ? refuse(
            POLICY_RULES.identityEndpoint,
            `"${(decoded as { text: string }).text}" reaches for the agent's managed identity`,
          )
        : judgeProgram(state, node, argv, env);
      if (refusal) {
        state.insertions.length = before;
        refuseNode(state, node, refusal);
        return;
      }
    }
    allowNode(state, node, state.insertions.length > before);
  } catch (error) {
    if (!(error instanceof WordRefusal)) throw error;
    refuseNode(state, node, refuse(POLICY_RULES.unresolved, error.message));
  }
}
