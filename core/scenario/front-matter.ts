// Splits the YAML front matter off a document and validates it, keeping 1-based line numbers for every key.
import { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, type YAMLMap } from 'yaml';
import { frontMatterSchema, isArea, AREAS, type ScenarioFrontMatter } from './schema';
import type { LintIssue } from './types';

export interface FrontMatterSplit {
  yamlText: string;
  /** 1-based line of the opening `---`. */
  startLine: number;
  /** Lines before the body starts (front matter including both fences). */
  bodyOffset: number;
}

const isFence = (line: string | undefined): boolean => line !== undefined && line.trimEnd() === '---';

/** Front matter is the block between a first-line `---` and the next `---` line; null when absent. */
export function splitFrontMatter(lines: readonly string[]): FrontMatterSplit | null | 'unclosed' {
  if (!isFence(lines[0]?.replace(/^\uFEFF/, ''))) return null;
  for (let i = 1; i < lines.length; i++) {
    if (isFence(lines[i])) return { yamlText: lines.slice(1, i).join('\n'), startLine: 1, bodyOffset: i + 1 };
  }
  return 'unclosed';
}

export interface FrontMatterResult {
  frontMatter?: ScenarioFrontMatter;
  variables: [string, string][];
  fieldLines: Record<string, number>;
  issues: LintIssue[];
}

export function parseFrontMatter(split: FrontMatterSplit, file: string): FrontMatterResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(split.yamlText, { lineCounter, prettyErrors: false });
  const lineOf = (offset: number | undefined): number =>
    offset === undefined ? split.startLine : split.startLine + lineCounter.linePos(offset).line;
  const issue = (line: number, rule: string, message: string): LintIssue => ({
    file,
    line,
    rule,
    severity: 'error',
    message,
  });

  if (doc.errors.length > 0) {
    return {
      variables: [],
      fieldLines: {},
      issues: doc.errors.map((e) =>
        issue(
          lineOf(e.pos[0]),
          'front-matter-invalid',
          `front matter is not valid YAML: ${e.message.split('\n')[0]} (quote a value that contains ": " or " #")`,
        ),
      ),
    };
  }

  const fieldLines: Record<string, number> = {};
  const variables: [string, string][] = [];
  if (!isMap(doc.contents)) {
    return {
      variables: [],
      fieldLines,
      issues: [
        issue(
          split.startLine,
          'front-matter-invalid',
          'front matter must be a YAML mapping of fields (id, area, title, …)',
        ),
      ],
    };
  }
  // Every key's line, nested ones as dotted paths (cost.estimatedUsdPerHour), so messages point at the field.
  const recordLines = (map: YAMLMap, prefix: string, depth: number): void => {
    for (const pair of map.items) {
      if (!isScalar(pair.key)) continue;
      const key = `${prefix}${String(pair.key.value)}`;
      fieldLines[key] = lineOf(pair.key.range?.[0]);
      if (isMap(pair.value) && depth < 3) recordLines(pair.value, `${key}.`, depth + 1);
      if (isSeq(pair.value))
        pair.value.items.forEach((item, i) => {
          if (isNode(item) && item.range) fieldLines[`${key}.${i}`] = lineOf(item.range[0]);
        });
    }
  };
  recordLines(doc.contents, '', 0);
  const variablesNode = doc.contents.get('variables', true);
  if (isMap(variablesNode)) {
    // Order matters (later variables use earlier ones), so read pairs from the document, not a JS object.
    for (const v of variablesNode.items) {
      if (isScalar(v.key))
        variables.push([String(v.key.value), isScalar(v.value) ? String(v.value.value) : '']);
    }
  }

  const data = doc.toJS() as Record<string, unknown>;
  const issues: LintIssue[] = [];
  if (data.area !== undefined && !isArea(data.area)) {
    issues.push(
      issue(
        fieldLines.area ?? split.startLine,
        'unknown-area',
        `area "${String(data.area)}" is not a technology area; use one of: ${AREAS.join(', ')}`,
      ),
    );
  }
  const parsed = frontMatterSchema.safeParse(data);
  if (!parsed.success) {
    for (const zi of parsed.error.issues) {
      const field = zi.path.map(String).join('.');
      if (field === 'area' && data.area !== undefined) continue; // reported as unknown-area above
      const top = String(zi.path[0] ?? '');
      const line = fieldLines[field] ?? fieldLines[top] ?? split.startLine;
      issues.push(
        issue(line, 'front-matter-invalid', `front matter field "${field || '(root)'}": ${zi.message}`),
      );
    }
    return { variables, fieldLines, issues };
  }
  return { frontMatter: parsed.data, variables, fieldLines, issues };
}
