// Secrets must never be written into a scenario: the document ships in the agent image and its commands
// reach logs. Uses the scrubber's secret shapes, plus literal values given to password/secret flags.
import { SECRET_PATTERNS } from '../../core/scrub';
import { azInvocations, type LintIssue } from '../../core/scenario';
import type { ScenarioContext } from './context';

const SECRET_FLAGS = new Set([
  '--password',
  '--admin-password',
  '--administrator-login-password',
  '--client-secret',
  '--secret',
  '--account-key',
  '--sas-token',
  '--connection-string',
  '--shared-key',
  '--authentication-key',
]);

/** A variable reference, a substitution or an obvious placeholder is not a secret. */
const isPlaceholder = (value: string): boolean =>
  value.includes('$') || value.includes('`') || value.startsWith('<') || value.trim() === '';

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === '\n') line++;
  return line;
}

/** Secret shapes anywhere in a document's text (front matter, prose or code). */
export function findSecretsInText(text: string, file: string): LintIssue[] {
  const issues: LintIssue[] = [];
  for (const { kind, pattern, keepPrefix } of SECRET_PATTERNS) {
    const re = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
    for (const match of text.matchAll(re)) {
      const secretPart = keepPrefix && match[1] !== undefined ? match[0].slice(match[1].length) : match[0];
      if (isPlaceholder(secretPart)) continue;
      issues.push({
        file,
        line: lineAt(text, match.index ?? 0),
        rule: 'secret-in-text',
        severity: 'error',
        message: `text that looks like a secret (${kind}) is in the document: remove it; generate secrets at run time and keep them in variables, never in the text`,
      });
    }
  }
  return issues;
}

export function checkSecretFlags(ctx: ScenarioContext): LintIssue[] {
  return azInvocations(ctx.scenario).flatMap((inv) =>
    inv.flags
      .filter(
        (f) =>
          SECRET_FLAGS.has(f.name) || (f.name === '--value' && inv.path.join(' ') === 'keyvault secret set'),
      )
      .filter((f) => f.values[0] !== undefined && !isPlaceholder(f.values[0].text))
      .map((f) =>
        ctx.issue(
          inv.line,
          'secret-in-text',
          `\`az ${inv.path.join(' ')}\` gives ${f.name} a literal value: generate it at run time (e.g. "$(openssl rand -base64 24)") so no secret is written in the document`,
        ),
      ),
  );
}
