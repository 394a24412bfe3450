// Redirections open files (or, through /dev/tcp, sockets): their targets pass the path rule; here-document
// bodies and here-strings are expanded by bash, so their substitutions are judged like any command.
import { childByField, walkSyntax, type SyntaxNode } from '../shell';
import { evaluateWord, WordRefusal } from './evaluate-word';
import { pathRefusal } from './paths';
import { POLICY_RULES, refuse, type Refusal } from './types';
import type { Env } from './values';
import { refuseNode, type WalkState } from './walk-state';
import { wordContext } from './walk-script';

const FD_DUPLICATION = new Set(['>&', '<&', '>&-', '<&-']);

function fileRedirect(state: WalkState, node: SyntaxNode, env: Env): Refusal | undefined {
  const operator = node.children.find((c) => !c.named)?.type ?? '>';
  const destination = childByField(node, 'destination');
  if (!destination) return undefined;
  if (FD_DUPLICATION.has(operator) && /^([0-9]+|-)$/.test(destination.text)) return undefined;
  for (const fields of evaluateWord(destination, wordContext(state, env))) {
    if (fields.length !== 1)
      return refuse(POLICY_RULES.unresolved, `the redirection target "${destination.text}" is not one file name`);
    const field = fields[0]!;
    if (field.kind !== 'text')
      return refuse(POLICY_RULES.unresolved, `the redirection target "${destination.text}" is decided at run time (${field.why})`);
    const refusal = pathRefusal(field.text);
    if (refusal) return refusal;
  }
  return undefined;
}

function expandedParts(state: WalkState, node: SyntaxNode, env: Env): void {
  walkSyntax(node, (part) => {
    if (['command_substitution', 'expansion', 'simple_expansion', 'arithmetic_expansion', 'process_substitution'].includes(part.type)) {
      evaluateWord(part, wordContext(state, env));
      return false;
    }
    return true;
  });
}

/** Judges every redirection of a command; pushes a refusal and returns false when one is refused. */
export function judgeRedirects(state: WalkState, owner: SyntaxNode, redirects: SyntaxNode[], env: Env): boolean {
  const all: SyntaxNode[] = [];
  for (const r of redirects) walkSyntax(r, (n) => {
    if (['file_redirect', 'heredoc_redirect', 'herestring_redirect', 'heredoc_body'].includes(n.type)) all.push(n);
    return n.type !== 'heredoc_body';
  });
  try {
    for (const r of all) {
      if (r.type === 'file_redirect') {
        const refusal = fileRedirect(state, r, env);
        if (refusal) {
          refuseNode(state, owner, refusal);
          return false;
        }
      } else if (r.type === 'heredoc_body' || r.type === 'herestring_redirect') expandedParts(state, r, env);
    }
  } catch (error) {
    if (!(error instanceof WordRefusal)) throw error;
    refuseNode(state, owner, refuse(POLICY_RULES.unresolved, error.message));
    return false;
  }
  return true;
}
