// The parser's output contract (docs/ARCHITECTURE.md "Scenario parser"), shared by the catalog, the linter and the agent.
import type { ScenarioFrontMatter } from './schema';

export type Phase = 'deploy' | 'operate' | 'cleanup';
export const PHASES: readonly Phase[] = ['deploy', 'operate', 'cleanup'];

/** One fenced bash block of a step, with the 1-based line of its opening fence. */
export interface CodeBlock {
  code: string;
  line: number;
}

export interface Step {
  title: string;
  /** The Markdown prose between the step heading and its code. */
  intent: string;
  /** The step's bash: its code blocks joined in order (a step normally has exactly one). */
  code: string;
  /** 1-based line of the (first) code block's opening fence; the heading's line when there is no code. */
  line: number;
  /** 1-based line of the step's `###` heading. */
  headingLine: number;
  /** Every bash block of the step, so tools can map a command back to its own line. */
  blocks: CodeBlock[];
}

export interface ParsedScenario {
  id: string;
  file: string;
  frontMatter: ScenarioFrontMatter;
  /** Front-matter variables in document order: exported, bash-expanded, before every step. */
  variables: [name: string, value: string][];
  narrative: string;
  phases: Record<Phase, Step[]>;
  /** 1-based line of each `## ` phase heading that is present, for lint messages. */
  phaseLines: Partial<Record<Phase, number>>;
  /** 1-based line of each front-matter key (top-level and `variables.NAME`), for lint messages. */
  fieldLines: Record<string, number>;
  /** Problems that do not stop parsing (e.g. a bash block outside any step). */
  warnings: LintIssue[];
}

export type Severity = 'error' | 'warning';

export interface LintIssue {
  file: string;
  line: number;
  rule: string;
  severity: Severity;
  message: string;
}

export type ParseResult = ParsedScenario | { errors: LintIssue[] };

export function isParsed(result: ParseResult): result is ParsedScenario {
  return !('errors' in result);
}
