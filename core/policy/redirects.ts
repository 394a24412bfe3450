// Redirections open files (or, through /dev/tcp, sockets): their targets pass the path rule; here-document
// bodies and here-strings are expanded by bash, so their substitutions are judged like any command.
import { childByField, walkSyntax, type SyntaxNode } from '../shell';
import { evaluateWord, WordRefusal } from './evaluate-word';
import { pathRefusal } from './paths';
import { POLICY_RULES, refuse, type Refusal } from './types';
import type { Env } from './values';
import { refuseNode, type WalkState } from './walk-state';
import { walkStatement, wordContext } from './walk-script';
import { cloneEnv } from './values';

/** Parts of a here-document redirection that are not commands (the rest, e.g. `| bash` after `<<EOF`, is). */
const HEREDOC_PARTS = new Set([
  'heredoc_start',
  'heredoc_body',
  'heredoc_end',
  'file_redirect',
  'herestring_redirect',
  'heredoc_redirect',
]);

const FD_DUPLICATION = new Set(['>&', '<&', '>&-', '<&-']);

function fileRedirect(state: WalkState, node: SyntaxNode, env: Env): Refusal | undefined {
  const operator = node.children.find((c) => !c.named)?.type ?? '>';
  const destination = childByField(node, 'destination');
  if (!destination) return undefined;
  if (FD_DUPLICATION.has(operator) && /^([0-9]+|-)$/.test(destination.text)) return undefined;
  for (const fields of evaluateWord(destination, wordContext(state, env))) {
    if (fields.length !== 1)
      return refuse(
        POLICY_RULES.unresolved,
        `the redirection target "${destination.text}" is not one file name`,
      );
    const field = fields[0]!;
    if (field.kind !== 'text')
      return refuse(
        POLICY_RULES.unresolved,
        `the redirection target "${destination.text}" is decided at run time (${field.why})`,
      );
    const refusal = pathRefusal(field.text);
    if (refusal) return refusal;
  }
  return undefined;
}

function expandedParts(state: WalkState, node: SyntaxNode, env: Env): void {
  walkSyntax(node, (part) => {
    if (
      [
        'command_substitution',
        'expansion',
        'simple_expansion',
        'arithmetic_expansion',
        'process_substitution',
      ].includes(part.type)
    ) {
      evaluateWord(part, wordContext(state, env));
      return false;
    }
    return true;
  });
}

/**
 * In an unquoted here-document bash expands $VAR, ${…}, $(…) and backticks. tree-sitter-bash shows the first
 * three as nodes but not backticks; whatever expansion it leaves as plain text is refused rather than missed.
 */
function hiddenExpansion(body: SyntaxNode, heredoc: SyntaxNode | undefined): string | undefined {
  const start = heredoc?.children.find((c) => c.type === 'heredoc_start')?.text ?? '';
  if (/['"\\]/.test(start)) return undefined;
  let plain = body.text;
  for (const child of body.children.filter((c) => c.named && c.type !== 'heredoc_content'))
    plain =
      plain.slice(0, child.start - body.start) +
      ' '.repeat(child.end - child.start) +
      plain.slice(child.end - body.start);
  return /`|\$\(|\$\{|\$[A-Za-z_]/.exec(plain)?.[0];
}

/** Judges every redirection of a command; pushes a refusal and returns false when one is refused. */
export function judgeRedirects(
  state: WalkState,
  owner: SyntaxNode,
  redirects: SyntaxNode[],
  env: Env,
): boolean {
  const all: SyntaxNode[] = [];
  for (const r of redirects)
    walkSyntax(r, (n) => {
      if (['file_redirect', 'heredoc_redirect', 'herestring_redirect', 'heredoc_body'].includes(n.type))
        all.push(n);
      if (n.type === 'heredoc_body') {
        const hidden = hiddenExpansion(n, r.type === 'heredoc_redirect' ? r : undefined);
        if (hidden) all.push({ ...n, type: 'hidden_expansion', text: hidden });
      }
      return n.type !== 'heredoc_body';
    });
  const hidden = all.find((n) => n.type === 'hidden_expansion');
  if (hidden) {
    refuseNode(
      state,
      owner,
      refuse(
        POLICY_RULES.unresolved,
        `the here-document expands "${hidden.text}…" in a way the parser cannot follow; quote its delimiter (<<'EOF') or use $(…)`,
      ),
    );
    return false;
  }
  try {
    // tree-sitter-bash hangs what follows `<<EOF` on the line (`| bash`, `&& az …`) under the redirection.
    for (const r of redirects)
      for (const part of r.type === 'heredoc_redirect'
        ? r.children.filter((c) => c.named && !HEREDOC_PARTS.has(c.type))
        : [])
        walkStatement(state, part, part.type === 'pipeline' ? cloneEnv(env) : env);
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
