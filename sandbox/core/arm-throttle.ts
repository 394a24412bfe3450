// Azure Resource Manager's request throttling, as documented for the token-bucket architecture in force since 2024:
// https://learn.microsoft.com/azure/azure-resource-manager/management/request-limits-and-throttling (updated 2025-05-28)
// - buckets per subscription, per service principal and per operation type (reads 250 + 25/s, writes and deletes
//   200 + 10/s); tenant-level requests have the same figures;
// - a global subscription limit across all principals of 15 times the per-principal figures;
// - every request answers with the tokens left: `x-ms-ratelimit-remaining-subscription-{reads|writes|deletes}` for
//   the request's type, and `x-ms-ratelimit-remaining-tenant-{reads|writes}` for tenant-level requests; live answers
//   since the migration also carry the global bucket, e.g. `…-subscription-reads: 249` with
//   `…-subscription-global-reads: 3749` (Azure PowerShell, Invoke-AzRestMethod help, response of 2024-10-29) and
//   `…-subscription-writes: 199` with `…-subscription-global-writes: 2999`;
// - over the limit: 429 with `Retry-After` in seconds, and "if you send a request before the retry value elapses, your
//   request isn't processed and a new retry value is returned" (here: the time still left). The error body is ARM's `SubscriptionRequestsThrottled`
//   ("Number of 'read' requests for subscription '…' actor '…' exceeded. Please try again after '10' seconds after
//   additional tokens are available. Refer to https://aka.ms/arm-throttling for additional information.").

import {
  GLOBAL_LIMIT_MULTIPLIER,
  armRequestKind,
  azureArmThrottle,
  globalRemainingHeaderName,
  remainingHeaderName,
  type ArmRequestKind,
  type ArmThrottle,
  type BucketSpec,
} from '../../core/arm-limits';

export {
  GLOBAL_LIMIT_MULTIPLIER,
  armRequestKind,
  azureArmThrottle,
  type ArmRequestKind,
  type ArmThrottle,
  type BucketSpec,
};

export interface ThrottleRequest {
  /** Subscription-level requests name a subscription; tenant-level requests do not. */
  subscriptionId?: string;
  /** Who sends it (the token's object id); each principal has its own buckets. */
  principal: string;
  method: string;
}

export type ThrottleVerdict =
  | { allowed: true; headers: Record<string, string> }
  | {
      allowed: false;
      code: string;
      message: string;
      headers: Record<string, string>;
      /** Which bucket refused it, for the request log. */
      bucket: string;
    };

interface BucketState {
  tokens: number;
  at: number;
  blockedUntil: number;
}

const singular: Record<ArmRequestKind, string> = { reads: 'read', writes: 'write', deletes: 'delete' };

/** ARM's token buckets, keyed by scope, principal and operation type. */
export class ArmRateLimiter {
  private readonly buckets = new Map<string, BucketState>();

  constructor(
    private readonly now: () => number,
    private throttle: ArmThrottle = azureArmThrottle,
  ) {}

  /** Replaces the figures; buckets restart full. */
  setThrottle(throttle: Partial<ArmThrottle>): void {
    this.throttle = { ...this.throttle, ...throttle };
    this.buckets.clear();
  }

  figures(): ArmThrottle {
    return { ...this.throttle };
  }

  /** Takes a token from the principal's bucket and the subscription's global one, or refuses as ARM does. */
  take(req: ThrottleRequest): ThrottleVerdict {
    const kind = armRequestKind(req.method);
    const spec = this.throttle[kind];
    if (!spec) return { allowed: true, headers: {} };
    const now = this.now();
    const scope = req.subscriptionId ? `subscription:${req.subscriptionId.toLowerCase()}` : 'tenant';
    const globalSpec = scaled(spec, GLOBAL_LIMIT_MULTIPLIER);
    const own = this.bucket(`${scope}|${req.principal}|${kind}`, spec, now);
    const global = req.subscriptionId ? this.bucket(`${scope}|*|${kind}`, globalSpec, now) : undefined;

    const waits = [
      { name: kind, state: own, spec },
      ...(global ? [{ name: `global-${kind}`, state: global, spec: globalSpec }] : []),
    ].map((b) => ({ ...b, waitMs: waitFor(b.state, b.spec, now) }));
    const refusing = waits.filter((b) => b.waitMs > 0);
    if (refusing.length === 0) {
      own.tokens -= 1;
      if (global) global.tokens -= 1;
      return { allowed: true, headers: this.remainingHeaders(req, kind, own, global) };
    }
    const retryAfterSeconds = Math.max(1, Math.ceil(Math.max(...refusing.map((b) => b.waitMs)) / 1000));
    // The told time holds: nothing gets through before it, and an early request learns how much of it is left
    // (its refusal does not push the time further, or clients retrying on their own schedules would never get in).
    for (const b of refusing)
      if (b.state.blockedUntil <= now) b.state.blockedUntil = now + retryAfterSeconds * 1000;
    const where = req.subscriptionId ? `subscription '${req.subscriptionId}'` : 'tenant';
    return {
      allowed: false,
      code: req.subscriptionId ? 'SubscriptionRequestsThrottled' : 'TenantRequestsThrottled',
      message: `Number of '${singular[kind]}' requests for ${where} actor '${req.principal}' exceeded. Please try again after '${retryAfterSeconds}' seconds after additional tokens are available. Refer to https://aka.ms/arm-throttling for additional information.`,
      headers: { 'Retry-After': String(retryAfterSeconds), ...this.remainingHeaders(req, kind, own, global) },
      bucket: `arm-throttle-${refusing[0].name}`,
    };
  }

  private bucket(key: string, spec: BucketSpec, now: number): BucketState {
    const state = this.buckets.get(key) ?? { tokens: spec.capacity, at: now, blockedUntil: 0 };
    state.tokens = Math.min(spec.capacity, state.tokens + ((now - state.at) / 1000) * spec.refillPerSecond);
    state.at = now;
    this.buckets.set(key, state);
    return state;
  }

  private remainingHeaders(
    req: ThrottleRequest,
    kind: ArmRequestKind,
    own: BucketState,
    global: BucketState | undefined,
  ): Record<string, string> {
    const left = (s: BucketState) => String(Math.max(0, Math.floor(s.tokens)));
    const ownHeader = remainingHeaderName(req.subscriptionId ? 'subscription' : 'tenant', kind);
    return {
      ...(ownHeader ? { [ownHeader]: left(own) } : {}),
      ...(global ? { [globalRemainingHeaderName(kind)]: left(global) } : {}),
    };
  }
}

const scaled = (spec: BucketSpec, factor: number): BucketSpec => ({
  capacity: spec.capacity * factor,
  refillPerSecond: spec.refillPerSecond * factor,
});

/** 0 when a token can be taken now; otherwise how long until one can (a refusal's block counts too). */
function waitFor(state: BucketState, spec: BucketSpec, now: number): number {
  if (state.blockedUntil > now) return state.blockedUntil - now;
  return state.tokens >= 1 ? 0 : ((1 - state.tokens) / spec.refillPerSecond) * 1000;
}
