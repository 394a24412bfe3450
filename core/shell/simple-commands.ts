// Every simple command of a bash text, nested ones included (inside $(…), here-document bodies, if/for/while,
// pipelines), as words with their lines: the view the scenario linter works on.
import { parseBash } from './bash-parser';
import { childByField, childrenByField, walkSyntax, type SyntaxNode } from './syntax';
import { wordText } from './word-text';

export interface ShellWord {
  /** The word as written, quotes included. */
  raw: string;
  /** The word after quote removal; $VAR, ${VAR} and $(...) are kept verbatim (nothing is expanded). */
  text: string;
  /** 0-based line within the code where the word starts. */
  line: number;
}

export interface ShellCommand {
  /** Leading `NAME=value` assignments (or the assignments of a line that is only assignments). */
  assignments: ShellWord[];
  /** The command words: name first, then arguments (redirections left out). */
  words: ShellWord[];
  /** 0-based line within the code where the command starts. */
  line: number;
}

function toWord(node: SyntaxNode, baseLine: number): ShellWord {
  return { raw: node.text, text: wordText(node), line: node.line + baseLine };
}

function assignmentWord(node: SyntaxNode, baseLine: number): ShellWord {
  const name = childByField(node, 'name')?.text ?? '';
  const value = childByField(node, 'value');
  const operator = node.children.find((c) => !c.named)?.type ?? '=';
  return {
    raw: node.text,
    text: `${name}${operator}${value ? wordText(value) : ''}`,
    line: node.line + baseLine,
  };
}

/** Simple commands in source order; the commands inside a substitution come after the command that holds it. */
export function splitShellCommands(code: string, baseLine = 0): ShellCommand[] {
  const out: ShellCommand[] = [];
  // An assignment that belongs to a command (prefix or `export`) is that command's; only its value is walked.
  const walkInside = (node: SyntaxNode): void => {
    for (const child of node.children) {
      if (child.type === 'variable_assignment') {
        const value = childByField(child, 'value');
        if (value) walkSyntax(value, visit);
      } else walkSyntax(child, visit);
    }
  };
  const visit = (node: SyntaxNode): boolean => {
    if (node.type === 'command') {
      const assignments = node.children
        .filter((c) => c.type === 'variable_assignment')
        .map((c) => assignmentWord(c, baseLine));
      const name = childByField(node, 'name');
      const words = [
        ...(name ? [toWord(name.children[0] ?? name, baseLine)] : []),
        ...childrenByField(node, 'argument').map((w) => toWord(w, baseLine)),
      ];
      out.push({ assignments, words, line: node.line + baseLine });
      walkInside(node);
      return false;
    }
    if (node.type === 'variable_assignment' || node.type === 'variable_assignments') {
      const parts = node.type === 'variable_assignment' ? [node] : node.children.filter((c) => c.named);
      out.push({
        assignments: parts.map((p) => assignmentWord(p, baseLine)),
        words: [],
        line: node.line + baseLine,
      });
      walkInside(node.type === 'variable_assignment' ? { ...node, children: [node] } : node);
      return false;
    }
    if (node.type === 'declaration_command' || node.type === 'unset_command') {
      const words = node.children.map((c) =>
        c.type === 'variable_assignment' ? assignmentWord(c, baseLine) : toWord(c, baseLine),
      );
      out.push({ assignments: [], words, line: node.line + baseLine });
      walkInside(node);
      return false;
    }
    return true;
  };
  walkSyntax(parseBash(code).root, visit);
  return out;
}
