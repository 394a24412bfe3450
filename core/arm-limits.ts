// Azure Resource Manager's request limits as documented for the token-bucket throttling in force since 2024, shared by
// the client that paces itself (adapters/arm-pacing) and the sandbox that enforces them (sandbox/core/arm-throttle.ts).
// Source: https://learn.microsoft.com/azure/azure-resource-manager/management/request-limits-and-throttling
// (updated 2025-05-28): "Scope | Operations | Bucket size | Refill rate per sec" — subscription and tenant alike,
// reads 250 / 25, deletes 200 / 10, writes 200 / 10; "The subscription limits apply per subscription, per service
// principal, and per operation type. There are also global subscription limits that are equivalent to 15 times the
// individual service principal limits for each operation type."

export type ArmRequestKind = 'reads' | 'writes' | 'deletes';

export interface BucketSpec {
  capacity: number;
  refillPerSecond: number;
}

/** Per-principal buckets by operation type; `null` turns a kind's throttling off (sandbox only). */
export interface ArmThrottle {
  reads: BucketSpec | null;
  writes: BucketSpec | null;
  deletes: BucketSpec | null;
}

export const azureArmThrottle: ArmThrottle = {
  reads: { capacity: 250, refillPerSecond: 25 },
  writes: { capacity: 200, refillPerSecond: 10 },
  deletes: { capacity: 200, refillPerSecond: 10 },
};

export const GLOBAL_LIMIT_MULTIPLIER = 15;

/** GET and HEAD read; DELETE deletes; PUT, PATCH and POST (actions such as listKeys) write. */
export function armRequestKind(method: string): ArmRequestKind {
  const m = method.toUpperCase();
  if (m === 'DELETE') return 'deletes';
  return m === 'GET' || m === 'HEAD' ? 'reads' : 'writes';
}

/**
 * The remaining-requests headers: `x-ms-ratelimit-remaining-subscription-{reads|writes|deletes}` ("returned on
 * read/write/delete operations") and `x-ms-ratelimit-remaining-tenant-{reads|writes}` (the documented table), plus the
 * global bucket, `x-ms-ratelimit-remaining-subscription-global-{kind}`, which live answers carry since the migration
 * (e.g. `…-subscription-reads: 249` with `…-subscription-global-reads: 3749`, Azure PowerShell's Invoke-AzRestMethod
 * help, a response of 2024-10-29).
 */
export function remainingHeaderName(
  scope: 'subscription' | 'tenant',
  kind: ArmRequestKind,
): string | undefined {
  if (scope === 'tenant' && kind === 'deletes') return undefined;
  return `x-ms-ratelimit-remaining-${scope}-${kind}`;
}

export const globalRemainingHeaderName = (kind: ArmRequestKind): string =>
  `x-ms-ratelimit-remaining-subscription-global-${kind}`;

/** The subscription a request URL's path names, or undefined for a tenant-level request. */
export function subscriptionOfPath(path: string): string | undefined {
  return /^\/+subscriptions\/([^/?]+)/i.exec(path)?.[1];
}
