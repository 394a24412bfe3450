// Merges the configuration sources in priority order environment > Key Vault > .env, then validates once.
// Pure apart from the injected getSecret, so it runs the same in Azure, locally and in tests.
import { ConfigurationError, type ConfigurationIssue } from './errors';
import { CONFIGURATION_KEY_NAMES, keyVaultSecretNameFor } from './keys';
import { parseConfiguration, type HayMakerSettings, type RawConfiguration } from './schema';
import { errorText } from '../error-text';

export type ConfigurationSource = 'environment' | 'keyVault' | 'dotenv' | 'default';

export interface DotenvSource {
  /** Where the file was read from, for the warning. */
  path: string;
  values: RawConfiguration;
}

export interface LoadConfigurationOptions {
  env: RawConfiguration;
  dotenv?: DotenvSource;
  /** Reads one Key Vault secret by name; resolves undefined when it does not exist. */
  getSecret?: (name: string) => Promise<string | undefined>;
  warn?: (message: string) => void;
}

export interface LoadedConfiguration {
  settings: HayMakerSettings;
  /** Which source each key came from (never the value). */
  sources: Record<string, ConfigurationSource>;
}

const isSet = (value: string | undefined): value is string => value !== undefined && value.trim() !== '';

/** Throws one ConfigurationError listing every missing or invalid key. */
export async function loadConfiguration(options: LoadConfigurationOptions): Promise<LoadedConfiguration> {
  const merged: Record<string, string | undefined> = {};
  const sources: Record<string, ConfigurationSource> = {};
  const issues: ConfigurationIssue[] = [];

  const fromKeyVault = new Map<string, string>();
  if (options.getSecret) {
    const getSecret = options.getSecret;
    const wanted = CONFIGURATION_KEY_NAMES.filter((key) => !isSet(options.env[key]));
    const answers = await Promise.all(
      wanted.map(async (key) => {
        try {
          const value: string | undefined = await getSecret(keyVaultSecretNameFor(key));
          return { key, value, error: undefined };
        } catch (error) {
          const reason = errorText(error);
          return {
            key,
            value: undefined,
            error: `could not read Key Vault secret "${keyVaultSecretNameFor(key)}": ${reason} — check the vault URL and that the app's identity may get secrets`,
          };
        }
      }),
    );
    for (const answer of answers) {
      if (answer.error !== undefined) issues.push({ key: answer.key, message: answer.error });
      else if (isSet(answer.value)) fromKeyVault.set(answer.key, answer.value);
    }
  }

  for (const key of CONFIGURATION_KEY_NAMES) {
    const env = options.env[key];
    const vault = fromKeyVault.get(key);
    const file = options.dotenv?.values[key];
    if (isSet(env)) [merged[key], sources[key]] = [env, 'environment'];
    else if (isSet(vault)) [merged[key], sources[key]] = [vault, 'keyVault'];
    else if (isSet(file)) [merged[key], sources[key]] = [file, 'dotenv'];
    else sources[key] = 'default';
  }

  const parsed = parseConfiguration(merged);
  if (!parsed.ok) issues.push(...parsed.issues);
  if (issues.length > 0 || !parsed.ok) throw new ConfigurationError(issues);

  if (options.dotenv && parsed.settings.environment === 'production') {
    options.warn?.(
      `A .env file (${options.dotenv.path}) was read while HAYMAKER_ENVIRONMENT=production: production settings belong in app settings or Key Vault; remove the file from the deployment.`,
    );
  }
  return { settings: parsed.settings, sources };
}
