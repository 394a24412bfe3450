// What a client can know of one of ARM's token buckets: the documented size and refill rate, what it sent, and what
// ARM last reported left. The estimate errs low, so a client that waits for it is not refused.
import type { BucketSpec } from '../../core/arm-limits';

export class TokenEstimate {
  /** The bucket as this client's own requests alone would leave it. */
  private own: number;
  /** The bucket as ARM's latest report leaves it (other clients of the principal spend it too); null before one. */
  private reported: number | null = null;
  private at: number;
  private blockedUntil = 0;
  /** Requests counted so far; a request's number tells which later ones ARM's report cannot include yet. */
  private sent = 0;
  /** Numbers of requests sent and not answered yet. */
  private readonly inFlight = new Set<number>();

  constructor(
    readonly spec: BucketSpec,
    now: number,
  ) {
    this.own = spec.capacity;
    this.at = now;
  }

  /** Tokens believed left now (fractional: the refill is continuous). */
  level(now: number): number {
    this.refill(now);
    return this.reported === null ? this.own : Math.min(this.own, this.reported);
  }

  /** How long to wait before one more request leaves `reserve` tokens untouched; 0 = send now. */
  waitMs(now: number, reserve: number): number {
    const level = this.level(now);
    if (this.blockedUntil > now) return this.blockedUntil - now;
    const keep = Math.min(reserve, this.spec.capacity - 1);
    const missing = 1 + keep - level;
    return missing <= 0 ? 0 : Math.ceil((missing / this.spec.refillPerSecond) * 1000);
  }

  /** Counts one request as sent; returns its number for `observe`. */
  take(now: number): number {
    this.refill(now);
    this.own -= 1;
    if (this.reported !== null) this.reported -= 1;
    this.sent += 1;
    this.inFlight.add(this.sent);
    return this.sent;
  }

  /**
   * ARM answered request number `position` with `remaining` whole tokens left (so fewer than remaining + 1). What was
   * sent after it, and what was sent before it and is still unanswered, may not be in that figure yet, so it is taken
   * off; the refill since ARM counted is left out. The latest report replaces the one before, but never lifts the
   * estimate above what this client's own requests leave.
   */
  observe(remaining: number, position: number, now: number): void {
    this.refill(now);
    this.inFlight.delete(position);
    let earlierUnanswered = 0;
    for (const p of this.inFlight) if (p < position) earlierUnanswered += 1;
    this.reported = remaining + 1 - (this.sent - position) - earlierUnanswered;
  }

  /** A request that got no answer, or none with a count: it no longer waits for one. */
  abandon(position: number): void {
    this.inFlight.delete(position);
  }

  /** A 429: nothing is left, and ARM refuses everything until `until`. */
  block(until: number, now: number): void {
    this.refill(now);
    this.own = Math.min(this.own, 0);
    this.reported = Math.min(this.reported ?? 0, 0);
    this.blockedUntil = Math.max(this.blockedUntil, until);
  }

  private refill(now: number): void {
    if (now <= this.at) return;
    const added = ((now - this.at) / 1000) * this.spec.refillPerSecond;
    this.own = Math.min(this.spec.capacity, this.own + added);
    if (this.reported !== null) this.reported = Math.min(this.spec.capacity, this.reported + added);
    this.at = now;
  }
}
