import type { AnthropicScript, MessagesRequest, ScriptedReply, Usage } from './script';

export interface RecordedRequest {
  index: number;
  time: string;
  request: MessagesRequest;
  status: number;
  stream: boolean;
  stopReason?: string;
  usage?: Usage;
  /** Error type when the scripted reply was an error. */
  error?: string;
}

const zeroUsage = (): Usage => ({
  input_tokens: 0,
  output_tokens: 0,
  cache_creation_input_tokens: 0,
  cache_read_input_tokens: 0,
});

/**
 * The test's handle on the scripted Messages endpoint: set a script, read what was asked and the
 * tokens it cost: `startSandbox({ services: [() => createAnthropicService(stub), …] })`.
 */
export class AnthropicStub {
  private script: AnthropicScript | undefined;
  private cursor = 0;
  private readonly recorded: RecordedRequest[] = [];
  private total = { ...zeroUsage(), requests: 0 };
  private seen = 0;

  /** Keeps the newest requests only (long simulations); usage totals cover every request. */
  constructor(private readonly maxRecorded = 2000) {}

  setScript(script: AnthropicScript | undefined): void {
    this.script = script;
    this.cursor = 0;
  }

  reset(): void {
    this.setScript(undefined);
    this.recorded.length = 0;
    this.total = { ...zeroUsage(), requests: 0 };
    this.seen = 0;
  }

  /** The next scripted reply, or undefined for the default reply (no script, or the list ran out). */
  async next(request: MessagesRequest): Promise<ScriptedReply | undefined> {
    const index = this.cursor++;
    if (typeof this.script === 'function') return this.script(request, index);
    return this.script?.[index];
  }

  record(entry: Omit<RecordedRequest, 'index' | 'time'>): RecordedRequest {
    const full = { index: this.seen++, time: new Date().toISOString(), ...entry };
    this.recorded.push(full);
    if (this.recorded.length > this.maxRecorded) this.recorded.shift();
    this.total.requests += 1;
    if (entry.usage)
      for (const k of Object.keys(zeroUsage()) as (keyof Usage)[]) this.total[k] += entry.usage[k] ?? 0;
    return full;
  }

  requests(): RecordedRequest[] {
    return structuredClone(this.recorded);
  }

  /** Token usage summed over every request since the last reset. */
  usage(): Usage & { requests: number } {
    return { ...this.total };
  }
}
