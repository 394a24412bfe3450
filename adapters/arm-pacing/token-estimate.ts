// What a client can know of one of ARM's token buckets: the documented size and refill rate, what it sent, and what
// ARM last reported left. The estimate only ever errs low, so a client that waits for it is not refused.
import type { BucketSpec } from '../../core/arm-limits';

export class TokenEstimate {
  private tokens: number;
  private at: number;
  private blockedUntil = 0;
  /** Requests counted so far; a request's number tells which later ones ARM's report cannot include yet. */
  private sent = 0;

  constructor(
    readonly spec: BucketSpec,
    now: number,
  ) {
    this.tokens = spec.capacity;
    this.at = now;
  }

  /** Tokens believed left now (fractional: the refill is continuous). */
  level(now: number): number {
    this.refill(now);
    return this.tokens;
  }

  /** How long to wait before one more request leaves `reserve` tokens untouched; 0 = send now. */
  waitMs(now: number, reserve: number): number {
    this.refill(now);
    if (this.blockedUntil > now) return this.blockedUntil - now;
    const keep = Math.min(reserve, this.spec.capacity - 1);
    const missing = 1 + keep - this.tokens;
    return missing <= 0 ? 0 : Math.ceil((missing / this.spec.refillPerSecond) * 1000);
  }

  /** Counts one request as sent; returns its number for `observe`. */
  take(now: number): number {
    this.refill(now);
    this.tokens -= 1;
    this.sent += 1;
    return this.sent;
  }

  /**
   * ARM answered request number `position` with `remaining` tokens left. Requests sent after it may not be in that
   * figure yet, so they are taken off it; the refill since ARM counted is left out. Only ever lowers the estimate:
   * answers arrive out of order, and a low estimate costs a little time where a high one costs a 429.
   */
  observe(remaining: number, position: number, now: number): void {
    this.refill(now);
    this.tokens = Math.min(this.tokens, remaining - (this.sent - position));
  }

  /** A 429: nothing is left, and ARM refuses everything until `until`. */
  block(until: number, now: number): void {
    this.refill(now);
    this.tokens = Math.min(this.tokens, 0);
    this.blockedUntil = Math.max(this.blockedUntil, until);
  }

  private refill(now: number): void {
    if (now > this.at) {
      this.tokens = Math.min(
        this.spec.capacity,
        this.tokens + ((now - this.at) / 1000) * this.spec.refillPerSecond,
      );
      this.at = now;
    }
  }
}
