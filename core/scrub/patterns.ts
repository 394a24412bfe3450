// Shapes of secrets that can appear in command output even when the run never saw the value itself.
// Each pattern keeps any harmless prefix (group 1) so a redacted line still reads naturally.

export interface SecretPattern {
  kind: string;
  pattern: RegExp;
  /** When true, group 1 is a prefix to keep and only the rest is replaced. */
  keepPrefix?: boolean;
}

export const REDACTED = '[REDACTED]';

export const SECRET_PATTERNS: readonly SecretPattern[] = [
  {
    kind: 'pem-private-key',
    pattern: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g,
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
      /(\b(?:AccountKey|SharedAccessKey|Password|Pwd|SharedAccessSignature|ClientSecret)\s*=\s*)(?:"[^"]*"|'[^']*'|[^;"'\s]+)/gi,
    keepPrefix: true,
  },
  { kind: 'sas-signature', pattern: /(\bsig=)[A-Za-z0-9%+/=_-]{8,}/gi, keepPrefix: true },
  {
    kind: 'json-secret-field',
    pattern:
      /("(?:password|passwd|secret|clientSecret|client_secret|accessToken|access_token|refreshToken|refresh_token|primaryKey|secondaryKey|primaryMasterKey|secondaryMasterKey|primaryReadonlyMasterKey|secondaryReadonlyMasterKey|primaryConnectionString|secondaryConnectionString|connectionString|sasToken|apiKey|api_key|key1|key2)"\s*:\s*")(?:[^"\\]|\\.)+(?=")/gi,
    keepPrefix: true,
  },
  { kind: 'storage-key', pattern: /(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{86}==(?![A-Za-z0-9+/=])/g },
  { kind: 'anthropic-key', pattern: /\bsk-ant-[A-Za-z0-9_-]{20,}/g },
];
