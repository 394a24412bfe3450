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
  {
    id: 'grant-invalid',
    severity: 'error',
    description:
      'a role in roles or roleAssignments is not an Azure built-in role, or roles holds one that can write role assignments',
  },
  {
    id: 'grant-refused',
    severity: 'warning',
    description:
      'HayMaker cannot grant what the scenario declares (a role-assignment right, a Graph permission, a role it may not assign): it is refused at selection',
  },
  {
    id: 'outside-resource-groups',
    severity: 'error',
    description:
      "a step acts outside the scenario's declared resource groups (another group, a subscription-scope target), where its principal holds nothing",
  },
  {
    id: 'role-assignment-undeclared',
    severity: 'error',
    description: 'a step assigns a role that the front matter does not declare under roleAssignments.roles',
  },
  {
    id: 'operations-undeclared',
    severity: 'error',
    description:
      'an enabled scenario declares no operations although its folder records what a sandbox run of it produced',
  },
  {
    id: 'operations-mismatch',
    severity: 'error',
    description:
      'the declared operations differ from those a sandbox run produced (observed-operations.json): one declared and never seen, or seen and not declared',
  },
  {
    id: 'operations-unobserved',
    severity: 'error',
    description: "an enabled scenario has no sandbox run in its folder's observed-operations.json",
  },
  {
    id: 'operations-unverifiable',
    severity: 'warning',
    description:
      'the sandbox refuses the scenario at selection (see grant-refused), so its declared operations cannot be observed',
  },
];

export const RULE_SEVERITY: Readonly<Record<string, Severity>> = Object.fromEntries(
  LINT_RULES.map((r) => [r.id, r.severity]),
);
