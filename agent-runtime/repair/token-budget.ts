// Tokens the repair model used in one phase, and the ceiling that ends repair when reached.

export interface TokenUsage {
  input: number;
  output: number;
  cacheRead: number;
  cacheCreation: number;
}

export const emptyUsage = (): TokenUsage => ({ input: 0, output: 0, cacheRead: 0, cacheCreation: 0 });

export class TokenBudget {
  readonly usage: TokenUsage = emptyUsage();
  calls = 0;
  constructor(readonly limit: number) {}

  /** Tokens counted against the budget: everything the model read or wrote, cached reads included. */
  get spent(): number {
    return this.usage.input + this.usage.output + this.usage.cacheRead + this.usage.cacheCreation;
  }

  get exhausted(): boolean {
    return this.spent >= this.limit;
  }

  record(u: {
    input_tokens: number;
    output_tokens: number;
    cache_read_input_tokens?: number | null;
    cache_creation_input_tokens?: number | null;
  }): void {
    this.calls += 1;
    this.usage.input += u.input_tokens;
    this.usage.output += u.output_tokens;
    this.usage.cacheRead += u.cache_read_input_tokens ?? 0;
    this.usage.cacheCreation += u.cache_creation_input_tokens ?? 0;
  }
}
