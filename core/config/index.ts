export { ConfigurationError, type ConfigurationIssue } from './errors';
export {
  CONFIGURATION_KEYS,
  CONFIGURATION_KEY_NAMES,
  PUBLIC_CLOUD,
  keyVaultSecretNameFor,
  type ConfigurationKeyName,
} from './keys';
export {
  parseConfiguration,
  SIMULATION_SIZES,
  type HayMakerSettings,
  type SimulationSize,
  type RawConfiguration,
} from './schema';
export {
  loadConfiguration,
  type LoadConfigurationOptions,
  type LoadedConfiguration,
  type ConfigurationSource,
} from './load';
export { ncrontabProblem } from './cron';
export { toRunSettings } from './run-settings';
