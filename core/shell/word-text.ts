// The text of a bash word after quote removal, with every expansion ($VAR, ${…}, $(…)) kept as written: what a
// reader of the script sees as the argument, for checks that reason about names (the linter).
import type { SyntaxNode } from './syntax';

const unescapeUnquoted = (text: string): string => text.replace(/\\\n/g, '').replace(/\\(.)/gs, '$1');
/** Inside double quotes a backslash only escapes $ ` " \ and newline. */
const unescapeDoubleQuoted = (text: string): string =>
  text.replace(/\\\n/g, '').replace(/\\([$`"\\])/g, '$1');

export function wordText(node: SyntaxNode): string {
  switch (node.type) {
    case 'word':
      return unescapeUnquoted(node.text);
    case 'raw_string':
      return node.text.slice(1, -1);
    case 'ansi_c_string':
      return node.text.slice(2, -1);
    case 'string':
    case 'translated_string': {
      const open = node.type === 'string' ? 1 : 2;
      let out = '';
      let at = node.start + open;
      for (const child of node.children) {
        if (!child.named) continue;
        if (child.start > at)
          out += unescapeDoubleQuoted(node.text.slice(at - node.start, child.start - node.start));
        out += child.type === 'string_content' ? unescapeDoubleQuoted(child.text) : child.text;
        at = child.end;
      }
      const close = node.end - 1;
      if (close > at) out += unescapeDoubleQuoted(node.text.slice(at - node.start, close - node.start));
      return out;
    }
    case 'concatenation':
      return node.children.map(wordText).join('');
    default:
      return node.text;
  }
}
