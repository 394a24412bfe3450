// What a client can know of one of ARM's token buckets: the documented size and refill rate, what it sent, and what
// ARM reported left. A client that waits for this estimate is not refused in steady state.
import type { BucketSpec } from '../../core/arm-limits';

/** A report turned into "tokens left at `at`, when `sent` requests had been counted out", to be carried forward. */
interface Report {
  tokens: number;
  at: number;
  sent: number;
}

/**
 * How many recent reports the estimate weighs. A request that ARM counts late (behind requests sent after it, which
 * a pipeline with several requests in flight does all the time) reports too few tokens; a principal whose other
 * clients spend the bucket makes every report low. Taking the best of the last few reports ignores the first and
 * follows the second.
 */
const WINDOW = 3;

export class TokenEstimate {
  /** The bucket as this client's own requests alone would leave it. */
  private own: number;
  private readonly reports: Report[] = [];
  private at: number;
  private blockedUntil = 0;
  /** Requests counted out so far; a request's number tells which later ones ARM's report cannot include yet. */
  private sent = 0;

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
    if (this.reports.length === 0) return this.own;
    const carried = this.reports.map(
      (r) => Math.min(this.spec.capacity, r.tokens + this.refillOver(now - r.at)) - (this.sent - r.sent),
    );
    return Math.min(this.own, Math.max(...carried));
  }

  /** How long to wait before one more request leaves `reserve` tokens untouched; 0 = send now. */
  waitMs(now: number, reserve: number): number {
    const level = this.level(now);
    if (this.blockedUntil > now) return this.blockedUntil - now;
    const keep = Math.min(reserve, this.spec.capacity - 1);
    const missing = 1 + keep - level;
    return missing <= 0 ? 0 : Math.ceil((missing / this.spec.refillPerSecond) * 1000);
  }

  /** Counts one request out; returns its number for `observe`. */
  take(now: number): number {
    this.refill(now);
    this.own -= 1;
    this.sent += 1;
    return this.sent;
  }

  /**
   * ARM answered request number `position` with `remaining` whole tokens left (so fewer than remaining + 1). What was
   * sent after it may not be in that figure yet, so it is taken off; the refill since ARM counted is left out.
   */
  observe(remaining: number, position: number, now: number): void {
    this.refill(now);
    this.reports.push({ tokens: remaining + 1, at: now, sent: position });
    if (this.reports.length > WINDOW) this.reports.shift();
  }

  /** A 429: nothing is left, and ARM refuses everything until `until`. */
  block(until: number, now: number): void {
    this.refill(now);
    this.own = Math.min(this.own, 0);
    this.reports.splice(0, this.reports.length, { tokens: 0, at: now, sent: this.sent });
    this.blockedUntil = Math.max(this.blockedUntil, until);
  }

  private refillOver(ms: number): number {
    return (Math.max(0, ms) / 1000) * this.spec.refillPerSecond;
  }

  private refill(now: number): void {
    if (now <= this.at) return;
    this.own = Math.min(this.spec.capacity, this.own + this.refillOver(now - this.at));
    this.at = now;
  }
}
