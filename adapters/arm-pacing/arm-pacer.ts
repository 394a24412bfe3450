// Paces ARM requests so that ARM's token buckets never run dry: each request waits until the caller's estimate of its
// bucket (and of the subscription's global bucket) holds a token, the estimate follows the
// `x-ms-ratelimit-remaining-*` headers of every answer, and a 429 holds the whole bucket until its Retry-After.
import {
  GLOBAL_LIMIT_MULTIPLIER,
  armRequestKind,
  azureArmThrottle,
  globalRemainingHeaderName,
  remainingHeaderName,
  subscriptionOfPath,
  type ArmRequestKind,
  type BucketSpec,
} from '../../core/arm-limits';
import { parseRetryAfterMs } from '../errors';
import { realSleep, type Sleep } from '../retry';
import { TokenEstimate } from './token-estimate';

export interface ArmPacerOptions {
  now?: () => number;
  sleep?: Sleep;
  /** Per-principal buckets; Azure's documented figures by default. */
  figures?: Partial<Record<ArmRequestKind, BucketSpec>>;
  /**
   * Seconds of refill kept in hand (default 1). ARM documents a refill "every second"; a client that spends tokens
   * as its continuous estimate allows could run up to one second's refill ahead of a bucket that refills in steps.
   */
  reserveSeconds?: number;
  /** Called for each wait, for logs and benchmarks. */
  onWait?: (wait: { kind: ArmRequestKind; scope: string; waitMs: number }) => void;
}

export interface PacingTicket {
  kind: ArmRequestKind;
  scope: 'subscription' | 'tenant';
  own: { estimate: TokenEstimate; position: number };
  global?: { estimate: TokenEstimate; position: number };
}

export interface PacingStats {
  paced: number;
  waits: number;
  waitedMs: number;
  throttled: number;
}

/** Requests ARM's subscription and tenant buckets do not count: Resource Graph has its own quota. */
const unpaced = /^\/+providers\/Microsoft\.ResourceGraph\//i;

export class ArmPacer {
  private readonly now: () => number;
  private readonly sleep: Sleep;
  private readonly figures: Record<ArmRequestKind, BucketSpec>;
  private readonly reserveSeconds: number;
  private readonly estimates = new Map<string, TokenEstimate>();
  private readonly queues = new Map<string, Promise<void>>();
  private readonly counters: PacingStats = { paced: 0, waits: 0, waitedMs: 0, throttled: 0 };

  constructor(private readonly options: ArmPacerOptions = {}) {
    this.now = options.now ?? (() => Date.now());
    this.sleep = options.sleep ?? realSleep;
    this.reserveSeconds = options.reserveSeconds ?? 1;
    this.figures = {
      reads: options.figures?.reads ?? azureArmThrottle.reads!,
      writes: options.figures?.writes ?? azureArmThrottle.writes!,
      deletes: options.figures?.deletes ?? azureArmThrottle.deletes!,
    };
  }

  stats(): PacingStats {
    return { ...this.counters };
  }

  /** Waits for this request's turn; resolves with a ticket for `settle`, or undefined for a request not paced. */
  async acquire(method: string, url: string): Promise<PacingTicket | undefined> {
    const path = new URL(url, 'https://arm.invalid').pathname;
    if (unpaced.test(path)) return undefined;
    const kind = armRequestKind(method);
    const subscriptionId = subscriptionOfPath(path)?.toLowerCase();
    const scopeKey = subscriptionId ? `subscription:${subscriptionId}` : 'tenant';
    const own = this.estimate(`${scopeKey}|${kind}`, this.figures[kind]);
    const global = subscriptionId
      ? this.estimate(`${scopeKey}|global|${kind}`, scaled(this.figures[kind]))
      : undefined;

    // One queue per bucket: requests leave in the order they asked, each after the wait its own estimate needs.
    const key = `${scopeKey}|${kind}`;
    const before = this.queues.get(key) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    this.queues.set(
      key,
      before.then(() => mine),
    );
    await before;
    try {
      for (;;) {
        const now = this.now();
        const waitMs = Math.max(
          own.waitMs(now, own.spec.refillPerSecond * this.reserveSeconds),
          global?.waitMs(now, global.spec.refillPerSecond * this.reserveSeconds) ?? 0,
        );
        if (waitMs <= 0) break;
        this.counters.waits += 1;
        this.counters.waitedMs += waitMs;
        this.options.onWait?.({ kind, scope: scopeKey, waitMs });
        await this.sleep(waitMs);
      }
      const now = this.now();
      this.counters.paced += 1;
      return {
        kind,
        scope: subscriptionId ? 'subscription' : 'tenant',
        own: { estimate: own, position: own.take(now) },
        ...(global ? { global: { estimate: global, position: global.take(now) } } : {}),
      };
    } finally {
      release();
    }
  }

  /** Learns from ARM's answer: the remaining counts it reported, and a 429's Retry-After. */
  settle(
    ticket: PacingTicket | undefined,
    status: number,
    header: (name: string) => string | undefined,
  ): void {
    if (!ticket) return;
    const now = this.now();
    const read = (name: string | undefined) => {
      const value = name ? Number(header(name)) : NaN;
      return Number.isFinite(value) ? value : undefined;
    };
    const ownLeft = read(remainingHeaderName(ticket.scope, ticket.kind));
    if (ownLeft !== undefined) ticket.own.estimate.observe(ownLeft, ticket.own.position, now);
    const globalLeft = ticket.global ? read(globalRemainingHeaderName(ticket.kind)) : undefined;
    if (ticket.global && globalLeft !== undefined)
      ticket.global.estimate.observe(globalLeft, ticket.global.position, now);
    if (status !== 429) return;
    this.counters.throttled += 1;
    // "The response includes a Retry-After value, which specifies the number of seconds your application should
    // wait before sending the next request": the next request of this kind, whichever caller sends it.
    const until = now + (parseRetryAfterMs(header('retry-after'), now) ?? 1000);
    const globalEmpty = globalLeft === 0 && ownLeft !== 0;
    (globalEmpty && ticket.global ? ticket.global.estimate : ticket.own.estimate).block(until, now);
  }

  private estimate(key: string, spec: BucketSpec): TokenEstimate {
    let estimate = this.estimates.get(key);
    if (!estimate) {
      estimate = new TokenEstimate(spec, this.now());
      this.estimates.set(key, estimate);
    }
    return estimate;
  }
}

const scaled = (spec: BucketSpec): BucketSpec => ({
  capacity: spec.capacity * GLOBAL_LIMIT_MULTIPLIER,
  refillPerSecond: spec.refillPerSecond * GLOBAL_LIMIT_MULTIPLIER,
});
