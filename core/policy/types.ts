// The command policy contract (docs/ARCHITECTURE.md "Command policy").

export interface PolicyContext {
  runId: string;
  runShort: string;
  subscriptionId: string;
  /** HayMaker tags to inject into `create` commands that lack them; empty → `$HAYMAKER_TAGS` is injected. */
  tags: Record<string, string>;
  /**
   * Values of the variables the step's shell starts with (front-matter variables, HAYMAKER_*, AZURE_*).
   * Any other variable counts as unknown.
   */
  env?: Record<string, string>;
  /**
   * The scenario's own resource groups for this run (exact names, as the orchestrator created them). When given, a
   * resource group is the run's only if it is one of these: another group that merely mentions the short id (a sibling
   * scenario's, or one an attacker named to look like the run's) is not. Without it, the short id rule alone applies.
   */
  resourceGroups?: string[];
}

/** Stable rule ids: tests, events and the CLI output use these strings. */
export const POLICY_RULES = {
  ok: 'ok',
  tagsInjected: 'tags.injected',
  unparseable: 'shell.unparseable',
  construct: 'shell.construct',
  program: 'shell.program',
  unresolved: 'shell.unresolved',
  variable: 'shell.variable',
  fileAccess: 'shell.file-access',
  identityEndpoint: 'shell.identity-endpoint',
  indirectExecution: 'shell.indirect-execution',
  azForbidden: 'az.forbidden-command',
  subscriptionPinned: 'az.subscription-pinned',
  restTarget: 'az.rest-target',
  writeRunOwned: 'write.run-owned',
  tagsForeign: 'tags.haymaker-keys',
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

export interface Refusal {
  rule: PolicyRule;
  reason: string;
}

export const refuse = (rule: PolicyRule, reason: string): Refusal => ({ rule, reason });
