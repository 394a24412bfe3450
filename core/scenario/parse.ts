// Parses a scenario document with markdown-it (tokens carry line maps) and yaml: structure never comes from
// regular expressions over the raw Markdown.
import MarkdownIt from 'markdown-it';
import { parseFrontMatter, splitFrontMatter } from './front-matter';
import type { LintIssue, ParseResult, ParsedScenario, Phase, Step } from './types';

const SECTION_PHASES: Record<string, Phase> = {
  deployment: 'deploy',
  operations: 'operate',
  cleanup: 'cleanup',
};
const SHELL_INFOS = new Set(['bash', 'sh', 'shell']);

const markdown = new MarkdownIt();

/** Section heading text → phase, narrative, or null for any other section. */
function sectionKind(title: string): Phase | 'narrative' | null {
  const key = title.trim().toLowerCase();
  if (key === 'narrative') return 'narrative';
  return SECTION_PHASES[key] ?? null;
}

export function parseScenarioDocument(text: string, file: string): ParseResult {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const split = splitFrontMatter(lines);
  const fail = (line: number, rule: string, message: string): ParseResult => ({
    errors: [{ file, line, rule, severity: 'error', message }],
  });
  if (split === null) {
    return fail(
      1,
      'front-matter-missing',
      'the document does not start with YAML front matter: put the fields between two "---" lines at the top (see scenarios/SCENARIO_TEMPLATE.md)',
    );
  }
  if (split === 'unclosed') {
    return fail(
      1,
      'front-matter-invalid',
      'the front matter opened with "---" on line 1 is never closed: add a "---" line after the last field',
    );
  }
  const fm = parseFrontMatter(split, file);
  if (!fm.frontMatter || fm.issues.length > 0) return { errors: fm.issues };

  const body = lines.slice(split.bodyOffset);
  const tokens = markdown.parse(body.join('\n'), {});
  const toLine = (mapStart: number): number => split.bodyOffset + mapStart + 1;
  const sourceOf = (map: [number, number]): string => body.slice(map[0], map[1]).join('\n').trim();

  const phases: Record<Phase, Step[]> = { deploy: [], operate: [], cleanup: [] };
  const phaseLines: ParsedScenario['phaseLines'] = {};
  const narrativeParts: string[] = [];
  const preambleParts: string[] = [];
  let section: Phase | 'narrative' | 'other' | 'preamble' = 'preamble';
  let step: Step | null = null;
  const intentParts: string[] = [];
  const issues: LintIssue[] = [];

  const closeStep = (): void => {
    if (step) step.intent = intentParts.join('\n\n');
    intentParts.length = 0;
    step = null;
  };

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.level !== 0 || !token.map) continue; // nested tokens are covered by their top-level block's map
    if (token.type === 'heading_open') {
      const title = tokens[i + 1]?.content ?? '';
      if (token.tag === 'h1' || token.tag === 'h2') {
        closeStep();
        if (token.tag === 'h1') continue;
        const kind = sectionKind(title);
        section = kind ?? 'other';
        if (kind && kind !== 'narrative') phaseLines[kind] = toLine(token.map[0]);
        continue;
      }
      if (token.tag === 'h3' && section !== 'narrative' && section !== 'other' && section !== 'preamble') {
        closeStep();
        const line = toLine(token.map[0]);
        step = { title: title.trim(), intent: '', code: '', line, headingLine: line, blocks: [] };
        phases[section].push(step);
        continue;
      }
    }
    if (token.type === 'heading_close' || token.type.endsWith('_close')) continue;
    if (token.type === 'fence') {
      const info = token.info.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
      const current = step as Step | null;
      if (current && SHELL_INFOS.has(info)) {
        const line = toLine(token.map[0]);
        if (current.blocks.length === 0) current.line = line;
        current.blocks.push({ code: token.content, line });
        current.code = current.blocks.map((b) => b.code).join('');
        continue;
      }
      if (
        !current &&
        SHELL_INFOS.has(info) &&
        section !== 'narrative' &&
        section !== 'other' &&
        section !== 'preamble'
      ) {
        issues.push({
          file,
          line: toLine(token.map[0]),
          rule: 'code-outside-step',
          severity: 'warning',
          message:
            'this bash block is not under a "### " step heading, so no phase will run it: give it a step heading',
        });
      }
    }
    const source = sourceOf(token.map as [number, number]);
    if (step) intentParts.push(source);
    else if (section === 'narrative') narrativeParts.push(source);
    else if (section === 'preamble') preambleParts.push(source);
  }
  closeStep();

  const frontMatter = fm.frontMatter;
  const parsed: ParsedScenario = {
    id: frontMatter.id,
    file,
    frontMatter,
    variables: fm.variables,
    narrative: (narrativeParts.length > 0 ? narrativeParts : preambleParts).join('\n\n'),
    phases,
    phaseLines,
    fieldLines: fm.fieldLines,
    warnings: issues,
  };
  return parsed;
}
