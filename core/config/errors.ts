// One error that lists every configuration problem at once, so an operator fixes them in one pass.

export interface ConfigurationIssue {
  /** The environment variable (app setting) name, e.g. `OPERATIONS_WINDOW_MINUTES`. */
  key: string;
  message: string;
}

export class ConfigurationError extends Error {
  readonly issues: readonly ConfigurationIssue[];

  constructor(issues: readonly ConfigurationIssue[]) {
    const lines = issues.map((i) => `  - ${i.key}: ${i.message}`);
    super(
      `HayMaker configuration is invalid (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n${lines.join('\n')}\n` +
        'Set these app settings (environment variables, Key Vault secrets or, locally, .env); see docs/configuration.md.',
    );
    this.name = 'ConfigurationError';
    this.issues = issues;
  }
}
