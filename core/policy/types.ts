// The command policy contract (docs/ARCHITECTURE.md "Command policy").

export interface PolicyContext {
  runId: string;
  runShort: string;
  subscriptionId: string;
  /** HayMaker tags to inject into `create` commands that lack them; empty → `$HAYMAKER_TAGS` is injected. */
  tags: Record<string, string>;
  /** Resource ids, object ids and app ids this run created. */
  createdIds?: string[];
  /** Values of variables already known (front-matter variables, HAYMAKER_*); used to resolve `$NAME`. */
  env?: Record<string, string>;
}

/** Stable rule ids: tests, events and the CLI output use these strings. */
export const POLICY_RULES = {
  ok: 'ok',
  tagsInjected: 'tags.injected',
  unparseable: 'shell.unparseable',
  pipeToShell: 'shell.pipe-to-shell',
  identityEndpoint: 'shell.identity-endpoint',
  indirectExecution: 'shell.indirect-execution',
  subscriptionPinned: 'az.subscription-pinned',
  roleTooPrivileged: 'role.privileged',
  roleScope: 'role.scope',
  roleDefinition: 'role.custom-definition',
  entraRunObjects: 'entra.run-objects',
  deleteRunOwned: 'delete.run-owned',
  secretsRunOwned: 'secrets.run-owned',
} as const;
export type PolicyRule = (typeof POLICY_RULES)[keyof typeof POLICY_RULES];

export interface PolicyVerdict {
  command: string;
  allowed: boolean;
  rule: PolicyRule;
  reason?: string;
  /** The command with HayMaker tags injected, when any `create` lacked them. */
  rewritten?: string;
}

/** A text insertion used to build `rewritten`. */
export interface Insertion {
  offset: number;
  text: string;
}

/** What one rule says about one command: nothing (undefined), a refusal, or insertions. */
export type RuleOutcome =
  { refuse: { rule: PolicyRule; reason: string } } | { insert: Insertion[] } | undefined;
