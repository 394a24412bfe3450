import { z } from 'zod';
import { seededRandom } from '../../core/random';

/**
 * 429 and 5xx answer with Azure's error body; `latency` delays; `drop` destroys the connection;
 * `lro-fail` lets the request start its long-running operation and makes that operation end Failed.
 */
const faultKinds = ['429', '500', '503', 'latency', 'drop', 'lro-fail'] as const;

export const faultRuleSchema = z.object({
  /** Service name (`arm`, `resource-graph`, `container-apps`, `graph`, `key-vault`, …) or `*`. */
  service: z.string().min(1),
  /** Operation name as registered (e.g. `ResourceGroups_CreateOrUpdate`) or `*` (default). */
  operation: z.string().min(1).default('*'),
  kind: z.enum(faultKinds),
  /** Probability per matching request (0..1), drawn from the sandbox's seeded generator. */
  rate: z.number().min(0).max(1).optional(),
  /** Exact schedule: 1-based positions among the requests this rule matches (e.g. [1, 2]). */
  schedule: z.array(z.number().int().positive()).optional(),
  /** The next N matching requests. */
  times: z.number().int().positive().optional(),
  retryAfterSeconds: z.number().min(0).default(1),
  latencyMs: z.number().int().min(0).max(120_000).default(0),
});
export type FaultRuleInput = z.input<typeof faultRuleSchema>;
export type FaultRule = z.output<typeof faultRuleSchema> & { id: string; seen: number; fired: number };

export interface BucketSpec {
  capacity: number;
  refillPerSecond: number;
}
/** ARM's documented token buckets, per subscription (notes/local-standins.md). */
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

export interface FaultRequest {
  /** Endpoint that received it; throttling applies to `arm` only. */
  endpoint: string;
  service: string;
  operation: string;
  method: string;
  path: string;
}

export type FaultDecision =
  | { kind: 'none'; latencyMs: number }
  | { kind: 'drop'; latencyMs: number; rule: string }
  | {
      kind: 'error';
      latencyMs: number;
      status: number;
      code: string;
      message: string;
      headers: Record<string, string>;
      rule: string;
    };

type BucketKind = keyof ArmThrottle;
interface BucketState {
  tokens: number;
  at: number;
}

/** Fault injection for every sandbox service; controllable in-process and through `/_sandbox/faults`. */
export class Faults {
  private rules: FaultRule[] = [];
  private nextId = 1;
  private random: () => number;
  private throttle: ArmThrottle;
  private readonly buckets = new Map<string, BucketState>();

  constructor(
    private readonly now: () => number,
    seed = 1,
    throttle: ArmThrottle = azureArmThrottle,
  ) {
    this.random = seededRandom(seed);
    this.throttle = throttle;
  }

  /** Adds a rule; returns its id (for `remove`). Without rate/schedule/times the rule fires on every match. */
  add(input: FaultRuleInput): string {
    const parsed = faultRuleSchema.parse(input);
    const id = `fault-${this.nextId++}`;
    this.rules.push({ ...parsed, id, seen: 0, fired: 0 });
    return id;
  }

  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((r) => r.id !== id);
    return this.rules.length < before;
  }

  clear(): void {
    this.rules = [];
  }

  list(): FaultRule[] {
    return this.rules.map((r) => ({ ...r }));
  }

  /** Replaces ARM's token buckets; `null` for a kind turns its throttling off. Buckets restart full. */
  setArmThrottle(throttle: Partial<ArmThrottle>): void {
    this.throttle = { ...this.throttle, ...throttle };
    this.buckets.clear();
  }

  armThrottle(): ArmThrottle {
    return { ...this.throttle };
  }

  /** Every matching rule sees the request (schedules count alike); latencies add up; the first failure wins. */
  decide(req: FaultRequest): FaultDecision {
    let latencyMs = 0;
    let failure: FaultRule | undefined;
    for (const rule of this.rules) {
      if (rule.service !== '*' && rule.service.toLowerCase() !== req.service.toLowerCase()) continue;
      if (rule.operation !== '*' && rule.operation.toLowerCase() !== req.operation.toLowerCase()) continue;
      if (rule.kind === 'lro-fail') continue;
      rule.seen += 1;
      if (rule.kind !== 'latency' && failure) continue;
      if (!this.fires(rule)) continue;
      rule.fired += 1;
      if (rule.kind === 'latency') latencyMs += rule.latencyMs;
      else failure = rule;
    }
    if (failure?.kind === 'drop') return { kind: 'drop', latencyMs, rule: failure.id };
    if (failure) {
      const status = Number(failure.kind);
      const code =
        status === 429 ? 'TooManyRequests' : status === 503 ? 'ServiceUnavailable' : 'InternalServerError';
      return {
        kind: 'error',
        latencyMs,
        status,
        code,
        message: `Injected fault ${failure.id} (${failure.kind}) on ${req.service}/${req.operation}.`,
        headers: status === 429 || status === 503 ? { 'Retry-After': String(failure.retryAfterSeconds) } : {},
        rule: failure.id,
      };
    }
    const throttled = this.takeArmToken(req);
    if (throttled) return { ...throttled, latencyMs };
    return { kind: 'none', latencyMs };
  }

  /** For services starting an LRO: whether an `lro-fail` rule claims this one; returns its description. */
  takeLroFailure(service: string, operation: string): string | undefined {
    for (const rule of this.rules) {
      if (rule.kind !== 'lro-fail') continue;
      if (rule.service !== '*' && rule.service.toLowerCase() !== service.toLowerCase()) continue;
      if (rule.operation !== '*' && rule.operation.toLowerCase() !== operation.toLowerCase()) continue;
      rule.seen += 1;
      if (!this.fires(rule)) continue;
      rule.fired += 1;
      return `injected fault ${rule.id} (lro-fail)`;
    }
    return undefined;
  }

  private fires(rule: FaultRule): boolean {
    if (rule.schedule) return rule.schedule.includes(rule.seen);
    if (rule.times !== undefined) return rule.fired < rule.times;
    if (rule.rate !== undefined) return this.random() < rule.rate;
    return true;
  }

  private takeArmToken(req: FaultRequest): FaultDecision | undefined {
    if (req.endpoint !== 'arm') return undefined;
    const sub = /^\/subscriptions\/([^/]+)/i.exec(req.path)?.[1]?.toLowerCase();
    if (!sub) return undefined;
    const method = req.method.toUpperCase();
    const kind: BucketKind =
      method === 'DELETE' ? 'deletes' : method === 'GET' || method === 'HEAD' ? 'reads' : 'writes';
    const spec = this.throttle[kind];
    if (!spec) return undefined;
    const key = `${sub}:${kind}`;
    const now = this.now();
    const state = this.buckets.get(key) ?? { tokens: spec.capacity, at: now };
    state.tokens = Math.min(spec.capacity, state.tokens + ((now - state.at) / 1000) * spec.refillPerSecond);
    state.at = now;
    this.buckets.set(key, state);
    if (state.tokens >= 1) {
      state.tokens -= 1;
      return undefined;
    }
    const retryAfterSeconds = Math.max(1, Math.ceil((1 - state.tokens) / spec.refillPerSecond));
    return {
      kind: 'error',
      latencyMs: 0,
      status: 429,
      code: 'SubscriptionRequestsThrottled',
      message: `Number of ${kind.slice(0, -1)} requests for subscription '${sub}' exceeded the limit of ${spec.capacity} (refill ${spec.refillPerSecond}/s). Please try again after '${retryAfterSeconds}' seconds.`,
      headers: {
        'Retry-After': String(retryAfterSeconds),
        [`x-ms-ratelimit-remaining-subscription-${kind}`]: '0',
      },
      rule: `arm-throttle-${kind}`,
    };
  }
}
