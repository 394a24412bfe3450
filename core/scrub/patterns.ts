// Shapes of secrets that can appear in command output even when the run never saw the value itself, in az's
// json, jsonc, yaml and tsv output. Each pattern keeps any harmless prefix (group 1) so a redacted line reads.

export interface SecretPattern {
  kind: string;
  pattern: RegExp;
  /** When true, group 1 is a prefix to keep and only the rest is replaced. */
  keepPrefix?: boolean;
}

export const REDACTED = '[REDACTED]';

const SECRET_KEYS =
  'password|passwd|pwd|secret|clientSecret|client_secret|accessToken|access_token|refreshToken|refresh_token|idToken|primaryKey|secondaryKey|primaryMasterKey|secondaryMasterKey|primaryReadonlyMasterKey|secondaryReadonlyMasterKey|primaryConnectionString|secondaryConnectionString|primaryReadOnlyConnectionString|secondaryReadOnlyConnectionString|connectionString|sasToken|sasUrl|apiKey|api_key|key1|key2|adminPassword|administratorLoginPassword|sharedKey|authKey|accountKey|token';

export const SECRET_PATTERNS: readonly SecretPattern[] = [
  {
    kind: 'pem-private-key',
    pattern: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g,
  },
  // The end of a key whose beginning was cut away (output truncated in the middle of it).
  {
    kind: 'pem-private-key-tail',
    pattern: /^(?:(?!-----BEGIN )[\s\S])*?-----END [A-Z0-9 ]*PRIVATE KEY-----/g,
  },
  { kind: 'jwt', pattern: /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g },
  { kind: 'bearer', pattern: /(\bBearer\s+)[A-Za-z0-9._~+/=-]{12,}/gi, keepPrefix: true },
  {
    kind: 'entra-client-secret',
    pattern: /(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])/g,
  },
  {
    kind: 'connection-string-secret',
    pattern:
      /(\b(?:AccountKey|SharedAccessKey|Password|Pwd|SharedAccessSignature|ClientSecret|AccessKey)\s*=\s*)(?:"[^"]*"|'[^']*'|[^;"'\s]+)/gi,
    keepPrefix: true,
  },
  { kind: 'sas-signature', pattern: /((?<![A-Za-z])sig(?:=|%3D))[A-Za-z0-9%+/=_-]{8,}/gi, keepPrefix: true },
  {
    kind: 'url-password',
    pattern: /(\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@"']+:)[^@\s/"']+(?=@)/gi,
    keepPrefix: true,
  },
  {
    kind: 'json-secret-field',
    pattern: new RegExp(`("(?:${SECRET_KEYS})"\\s*:\\s*")(?:[^"\\\\]|\\\\.)+(?=")`, 'gi'),
    keepPrefix: true,
  },
  {
    kind: 'yaml-secret-field',
    pattern: new RegExp(`(^[ \\t]*-?[ \\t]*(?:${SECRET_KEYS}):[ \\t]+)(?!\\||>|null$|''$)[^\\s#].*$`, 'gim'),
    keepPrefix: true,
  },
  // Storage and Cosmos DB account keys (64 bytes), Service Bus / Event Hubs / Relay SAS keys (32 bytes).
  { kind: 'account-key', pattern: /(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{86}==(?![A-Za-z0-9+/=])/g },
  { kind: 'sas-key', pattern: /(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{43}=(?![A-Za-z0-9+/=])/g },
  { kind: 'anthropic-key', pattern: /\bsk-ant-[A-Za-z0-9_-]{20,}/g },
];
