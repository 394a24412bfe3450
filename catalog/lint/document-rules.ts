// Rules about a document's shape: its id, its phases and its steps.
import path from 'node:path';
import { PHASES, type LintIssue, type Phase } from '../../core/scenario';
import type { ScenarioContext } from './context';

const SECTION_TITLES: Record<Phase, string> = {
  deploy: 'Deployment',
  operate: 'Operations',
  cleanup: 'Cleanup',
};

export function checkId(ctx: ScenarioContext): LintIssue[] {
  const { scenario } = ctx;
  const stem = path.basename(scenario.file).replace(/\.md$/i, '');
  const line = scenario.fieldLines.id ?? 1;
  const issues: LintIssue[] = [];
  if (scenario.id !== stem) {
    issues.push(
      ctx.issue(
        line,
        'id-mismatch',
        `id "${scenario.id}" differs from the file name "${stem}": the id must be the file stem (rename the file or change the id)`,
      ),
    );
  }
  if (!scenario.id.startsWith(`${scenario.frontMatter.area}-`)) {
    issues.push(
      ctx.issue(
        line,
        'id-mismatch',
        `id "${scenario.id}" does not start with its area "${scenario.frontMatter.area}-": ids are <area>-<nn>-<slug>`,
      ),
    );
  }
  return issues;
}

export function checkPhases(ctx: ScenarioContext): LintIssue[] {
  const { scenario } = ctx;
  const issues: LintIssue[] = [];
  for (const phase of PHASES) {
    const heading = scenario.phaseLines[phase];
    if (heading === undefined) {
      issues.push(
        ctx.issue(
          1,
          'phase-missing',
          `the "## ${SECTION_TITLES[phase]}" section is missing: every scenario has Deployment, Operations and Cleanup`,
        ),
      );
    } else if (scenario.phases[phase].length === 0) {
      issues.push(
        ctx.issue(
          heading,
          'phase-missing',
          `the "## ${SECTION_TITLES[phase]}" section has no "### " steps, so the ${phase} phase would do nothing`,
        ),
      );
    }
  }
  return issues;
}

export function checkStepsHaveCode(ctx: ScenarioContext): LintIssue[] {
  return PHASES.flatMap((phase) =>
    ctx.scenario.phases[phase]
      .filter((step) => step.blocks.length === 0 || step.code.trim() === '')
      .map((step) =>
        ctx.issue(
          step.headingLine,
          'step-without-code',
          `step "${step.title}" has no bash block: add one \`\`\`bash block with its commands`,
        ),
      ),
  );
}
