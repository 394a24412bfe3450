// The shape every policy rule has; rules/index.ts lists them in one place.
import type { ConfigurationKey } from '../../core/config/keys';
import type { BicepFile } from './parse';
import type { Violation } from './violation';

export interface CheckOptions {
  /** Fail when no Function App with app settings is found (the real tree has one; single-rule fixtures need not). */
  requireFunctionApp?: boolean;
  /** Environments that must each have `parameters/<name>.bicepparam` beside main.bicep. */
  requiredEnvironments?: readonly string[];
  /** The configuration keys the app reads; core/config's list by default. */
  configurationKeys?: readonly ConfigurationKey[];
}

export interface CheckContext {
  /** Absolute path of the folder being checked. */
  root: string;
  files: readonly BicepFile[];
  options: CheckOptions;
}

export interface Rule {
  name: string;
  /** One sentence: what the rule demands and why. */
  description: string;
  check(context: CheckContext): Violation[];
}
