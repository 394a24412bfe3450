// Evaluates a bash word the way bash expands it (quotes, $VAR, ${VAR:-default}, $'\x61', $(…), word splitting),
// over every value the variables it uses may hold. What cannot be known statically stays `dynamic`.
import type { SyntaxNode } from '../shell';
import { dynamic, text, MAX_ALTERNATIVES, type Alt, type Env, type Field } from './values';
import { decodeAnsiC } from './ansi-c';

/** Judges a command or process substitution (its commands run) and says what it prints. */
export type Substitute = (node: SyntaxNode) => Alt;
/** A construct inside a word that the policy refuses outright (arithmetic on unknown values, `${X:=…}`). */
export class WordRefusal extends Error {}

interface Piece {
  /** Inside double quotes (or single quotes): no splitting, no globbing. */
  quoted: boolean;
  /** Written in the script (as opposed to produced by an expansion). */
  literal: boolean;
  alts: Alt[];
}

export interface WordContext {
  env: Env;
  substitute: Substitute;
}

const GLOB = /(?<!\\)[*?[]/;
const BRACE = /(?<!\\)\{[^{}\s]*(?:,|\.\.)[^{}\s]*\}/;

function unescapeUnquoted(raw: string): string {
  return raw.replace(/\\\n/g, '').replace(/\\(.)/gs, '$1');
}

function lookup(name: string, env: Env): Alt[] {
  if (/^[0-9]+$/.test(name) || ['@', '*', '#', '?', '$', '!', '-', '_'].includes(name))
    return [dynamic(`$${name}`)];
  return env.get(name) ?? [dynamic(`$${name} (not set by the run or the step)`)];
}

function expansionAlts(node: SyntaxNode, ctx: WordContext, quoted: boolean): Alt[] {
  const inner = node.children.slice(1, -1);
  const nameNode = inner.find((c) => c.type === 'variable_name');
  if (!nameNode || inner[0] !== nameNode) return [dynamic(node.text)];
  const value = lookup(nameNode.text, ctx.env);
  if (inner.length === 1) return value;
  const op = inner[1]?.type ?? '';
  if (op === ':=' || op === '=')
    throw new WordRefusal(`"${node.text}" assigns a variable inside an expansion`);
  if (![':-', '-', ':+', '+', ':?', '?'].includes(op)) return [dynamic(node.text)];
  const wordAlts =
    inner.length > 2 ? piecesToAlts(inner.slice(2).flatMap((c) => pieces(c, ctx, quoted))) : [text('')];
  const out: Alt[] = [];
  for (const v of value) {
    const isSetNonEmpty = v.kind === 'text' ? v.text !== '' : undefined;
    if (op === ':?' || op === '?') out.push(v);
    else if (op === ':-' || op === '-') {
      if (isSetNonEmpty !== false) out.push(v);
      if (isSetNonEmpty !== true) out.push(...wordAlts);
    } else {
      if (isSetNonEmpty !== false) out.push(...wordAlts);
      if (isSetNonEmpty !== true) out.push(text(''));
    }
  }
  return out;
}

function literalPiece(raw: string, unquoted: boolean): Piece {
  if (unquoted && (GLOB.test(raw) || BRACE.test(raw) || raw.startsWith('~'))) {
    return {
      quoted: false,
      literal: false,
      alts: [dynamic(`${raw} (an unquoted pattern, brace or ~ that bash expands; quote it)`)],
    };
  }
  return { quoted: !unquoted, literal: true, alts: [text(unquoted ? unescapeUnquoted(raw) : raw)] };
}

function arithmetic(node: SyntaxNode): Alt {
  const unsafe = node.text.slice(3, -2).replace(/[0-9\s+\-*/%()<>=!&|^~?:,]/g, '');
  if (unsafe !== '')
    throw new WordRefusal(
      `"${node.text}": bash evaluates variable values in arithmetic as expressions (array subscripts run commands); compute with literal numbers only`,
    );
  return dynamic(node.text);
}

/** The pieces a word node is made of, in order. */
function pieces(node: SyntaxNode, ctx: WordContext, quoted: boolean): Piece[] {
  switch (node.type) {
    case 'word':
    case 'number':
    case 'extglob_pattern':
      return [literalPiece(node.text, !quoted)];
    case 'raw_string':
      return [{ quoted: true, literal: true, alts: [text(node.text.slice(1, -1))] }];
    case 'ansi_c_string': {
      const decoded = decodeAnsiC(node.text.slice(2, -1));
      return [
        { quoted: true, literal: true, alts: [decoded === undefined ? dynamic(node.text) : text(decoded)] },
      ];
    }
    case 'string':
    case 'translated_string': {
      const out: Piece[] = [];
      let at = node.start + (node.type === 'string' ? 1 : 2);
      const gap = (to: number): void => {
        if (to > at)
          out.push({
            quoted: true,
            literal: true,
            alts: [text(dqUnescape(node.text.slice(at - node.start, to - node.start)))],
          });
      };
      for (const child of node.children.filter((c) => c.named)) {
        gap(child.start);
        if (child.type === 'string_content')
          out.push({ quoted: true, literal: true, alts: [text(dqUnescape(child.text))] });
        else out.push(...pieces(child, ctx, true));
        at = child.end;
      }
      gap(node.end - 1);
      return out.length > 0 ? out : [{ quoted: true, literal: true, alts: [text('')] }];
    }
    case 'concatenation':
      return node.children.flatMap((c) => pieces(c, ctx, quoted));
    case 'simple_expansion':
      return [{ quoted, literal: false, alts: lookup(node.children[1]?.text ?? '', ctx.env) }];
    case 'expansion':
      return [{ quoted, literal: false, alts: expansionAlts(node, ctx, quoted) }];
    case 'command_substitution':
      return [{ quoted, literal: false, alts: [ctx.substitute(node)] }];
    case 'process_substitution':
      ctx.substitute(node);
      return [{ quoted: true, literal: false, alts: [dynamic(node.text)] }];
    case 'arithmetic_expansion':
      return [{ quoted: true, literal: false, alts: [arithmetic(node)] }];
    default:
      return [{ quoted, literal: false, alts: [dynamic(`${node.text} (${node.type})`)] }];
  }
}

const dqUnescape = (raw: string): string => raw.replace(/\\\n/g, '').replace(/\\([$`"\\])/g, '$1');

function piecesToAlts(list: Piece[]): Alt[] {
  return combine(list).map((fields) => {
    const only = fields.length === 1 ? fields[0]! : undefined;
    if (only?.kind === 'text') return text(only.text);
    if (only?.kind === 'dynamic') return dynamic(only.why, only.owned);
    return fields.length === 0
      ? text('')
      : dynamic(fields.map((f) => (f.kind === 'text' ? f.text : f.why)).join(' '));
  });
}

/** Every combination of the pieces' alternatives, each turned into bash fields (splitting unquoted expansions). */
function combine(list: Piece[], end = 0): Field[][] {
  let combos: Alt[][] = [[]];
  for (const piece of list) {
    const next: Alt[][] = [];
    for (const combo of combos) for (const alt of piece.alts) next.push([...combo, alt]);
    combos =
      next.length > MAX_ALTERNATIVES
        ? [list.map(() => dynamic('a value with too many possibilities'))]
        : next;
  }
  return combos.map((combo) => toFields(list, combo, end));
}

function toFields(list: Piece[], combo: Alt[], end: number): Field[] {
  const fields: Field[] = [];
  let current: Field | undefined;
  let sawQuoted = false;
  const append = (value: Alt, splits: boolean, ownedWhole: boolean): void => {
    if (value.kind === 'dynamic') {
      current =
        current === undefined || (current.kind === 'text' && current.text === '')
          ? { kind: 'dynamic', why: value.why, owned: ownedWhole && value.owned, splits, end }
          : {
              kind: 'dynamic',
              why: `${fieldWhy(current)}${value.why}`,
              owned: false,
              splits: splits || (current.kind === 'dynamic' && current.splits),
              end,
            };
      return;
    }
    if (current === undefined) current = { kind: 'text', text: value.text, end };
    else if (current.kind === 'text') current = { ...current, text: current.text + value.text };
    else current = { ...current, why: current.why + value.text, owned: false };
  };
  list.forEach((piece, i) => {
    const value = combo[i]!;
    if (piece.quoted) sawQuoted = true;
    if (piece.quoted || piece.literal || value.kind === 'dynamic') {
      append(value, !piece.quoted && value.kind === 'dynamic', list.length === 1);
      return;
    }
    // An unquoted expansion of a known value: bash splits it at blanks (IFS is never changed by a step).
    const parts = value.text.split(/[ \t\n]+/);
    parts.forEach((part, k) => {
      if (k > 0) {
        if (current !== undefined && !(current.kind === 'text' && current.text === '' && !sawQuoted))
          fields.push(current);
        current = undefined;
        sawQuoted = false;
      }
      if (part !== '') {
        if (GLOB.test(part)) append(dynamic(`${part} (an unquoted value with a glob pattern)`), true, false);
        else append(text(part), false, false);
      }
    });
  });
  if (
    current !== undefined &&
    !((current as Field).kind === 'text' && (current as { text: string }).text === '' && !sawQuoted)
  )
    fields.push(current);
  return fields;
}

const fieldWhy = (f: Field): string => (f.kind === 'text' ? f.text : f.why);

/** The fields a word expands to, for each combination of its variables' values. */
export function evaluateWord(node: SyntaxNode, ctx: WordContext): Field[][] {
  return combine(pieces(node, ctx, false), node.end);
}

/** A word's possible values as single strings (assignment values: no splitting, no globbing). */
export function evaluateAssignedValue(node: SyntaxNode | undefined, ctx: WordContext): Alt[] {
  if (!node) return [text('')];
  return piecesToAlts(pieces(node, ctx, true).map((p) => ({ ...p, quoted: true })));
}
