import { z } from 'zod';
import { subscriptionOfPath } from '../../core/arm-limits';
import { seededRandom } from '../../core/random';
import { ArmRateLimiter, azureArmThrottle, type ArmThrottle } from './arm-throttle';

export { azureArmThrottle, type ArmThrottle, type BucketSpec } from './arm-throttle';

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

export interface FaultRequest {
  /** Endpoint that received it; throttling applies to `arm` only. */
  endpoint: string;
  service: string;
  operation: string;
  method: string;
  path: string;
  /** Who sent it (`callerOf`); ARM's buckets are per principal. */
  principal?: string;
}

export type FaultDecision =
  /** `headers` are added to the answer (ARM's remaining-requests headers). */
  | { kind: 'none'; latencyMs: number; headers: Record<string, string> }
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

/** Fault injection for every sandbox service; controllable in-process and through `/_sandbox/faults`. */
export class Faults {
  private rules: FaultRule[] = [];
  private nextId = 1;
  private random: () => number;
  private readonly limiter: ArmRateLimiter;

  constructor(
    private readonly now: () => number,
    seed = 1,
    throttle: ArmThrottle = azureArmThrottle,
  ) {
    this.random = seededRandom(seed);
    this.limiter = new ArmRateLimiter(now, throttle);
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
    this.limiter.setThrottle(throttle);
  }

  armThrottle(): ArmThrottle {
    return this.limiter.figures();
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
    return this.takeArmToken(req, latencyMs);
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

  /**
   * ARM's buckets: subscription-level requests on the ARM endpoint, and tenant-level requests to ARM itself (not
   * Resource Graph, which has its own quota).
   */
  private takeArmToken(req: FaultRequest, latencyMs: number): FaultDecision {
    if (req.endpoint !== 'arm') return { kind: 'none', latencyMs, headers: {} };
    const subscriptionId = subscriptionOfPath(req.path);
    if (!subscriptionId && req.service !== 'arm') return { kind: 'none', latencyMs, headers: {} };
    const verdict = this.limiter.take({
      subscriptionId,
      principal: req.principal ?? 'anonymous',
      method: req.method,
    });
    if (verdict.allowed) return { kind: 'none', latencyMs, headers: verdict.headers };
    return {
      kind: 'error',
      latencyMs,
      status: 429,
      code: verdict.code,
      message: verdict.message,
      headers: verdict.headers,
      rule: verdict.bucket,
    };
  }
}
