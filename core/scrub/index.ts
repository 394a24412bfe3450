export { createScrubber, scrubValue, type Scrubber } from './create-scrubber';
export { REDACTED, SECRET_PATTERNS, type SecretPattern } from './patterns';
