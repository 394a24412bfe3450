// The lint rules: ids are stable (tests, --json consumers and AUTHORING.md use them).
import type { Severity } from '../../core/scenario';

export interface LintRule {
  id: string;
  severity: Severity;
  description: string;
}

export const LINT_RULES: readonly LintRule[] = [
  {
    id: 'front-matter-missing',
    severity: 'error',
    description: 'the document does not start with YAML front matter',
  },
  {
    id: 'front-matter-invalid',
    severity: 'error',
    description: 'the front matter is not valid YAML or a field is missing or malformed (the field is named)',
  },
  { id: 'unknown-area', severity: 'error', description: 'area is not one of the 10 technology areas' },
  {
    id: 'id-mismatch',
    severity: 'error',
    description: 'id differs from the file stem, or the id does not start with the area',
  },
  { id: 'duplicate-id', severity: 'error', description: 'two documents have the same id' },
  {
    id: 'phase-missing',
    severity: 'error',
    description: 'a Deployment, Operations or Cleanup section is missing or has no steps',
  },
  { id: 'step-without-code', severity: 'error', description: 'a step has no bash block' },
  {
    id: 'code-outside-step',
    severity: 'warning',
    description: 'a bash block under a phase but not under a step heading never runs',
  },
  {
    id: 'create-without-tags',
    severity: 'error',
    description: 'an az … create of a taggable resource lacks --tags $HAYMAKER_TAGS (unquoted)',
  },
  {
    id: 'name-not-run-derived',
    severity: 'error',
    description: 'a resource group or created resource name does not derive from ${HAYMAKER_RUN_SHORT}',
  },
  {
    id: 'group-never-deleted',
    severity: 'error',
    description: 'az group create without a matching az group delete in Cleanup',
  },
  {
    id: 'secret-in-text',
    severity: 'error',
    description: 'a client secret, key, connection string, JWT or literal password is in the document',
  },
  {
    id: 'policy-refused',
    severity: 'error',
    description: "a command the agent's command policy (core/policy) would refuse",
  },
  {
    id: 'name-length',
    severity: 'error',
    description:
      "a name breaks its resource type's length or character rules once the 8-character run short is substituted",
  },
];

export const RULE_SEVERITY: Readonly<Record<string, Severity>> = Object.fromEntries(
  LINT_RULES.map((r) => [r.id, r.severity]),
);
