// Every policy rule, in the order violations are reported.
import type { Rule } from '../rule';
import { alertActionsRule } from './alert-actions';
import { apiSignInRule } from './api-sign-in';
import { apiVersionsRule } from './api-versions';
import { appSettingsRule } from './app-settings';
import { configDefaultsRule } from './config-defaults';
import { diagnosticSettingsRule } from './diagnostic-settings';
import { httpsOnlyRule } from './https-only';
import { identityGrantsRule } from './identity-grants';
import { keyVaultRule } from './key-vault';
import { loadJsonContentRule } from './load-json-content';
import { modulePathsRule } from './module-paths';
import { networkIsolationRule } from './network-isolation';
import { outputNamesRule } from './output-names';
import { outputSecretsRule } from './output-secrets';
import { parameterFilesRule } from './parameter-files';
import { storagePublicAccessRule } from './storage-public-access';
import { syntaxRule } from './syntax';
import { tagsRule } from './tags';
import { tlsRule } from './tls';

export const RULES: readonly Rule[] = [
  syntaxRule,
  tagsRule,
  apiVersionsRule,
  tlsRule,
  keyVaultRule,
  storagePublicAccessRule,
  httpsOnlyRule,
  apiSignInRule,
  diagnosticSettingsRule,
  alertActionsRule,
  networkIsolationRule,
  outputSecretsRule,
  outputNamesRule,
  modulePathsRule,
  parameterFilesRule,
  appSettingsRule,
  configDefaultsRule,
  loadJsonContentRule,
  identityGrantsRule,
];
