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

const zeroUsage = (): Usage => ({ input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 });

/**
 * The test's handle on the scripted Messages endpoint: set a script, read what was asked and the
 * tokens it cost: `startSandbox({ services: [() => createAnthropicService(stub), …] })`.
 */
export class AnthropicStub {
  private script: AnthropicScript | undefined;
  private cursor = 0;
  private readonly recorded: RecordedRequest[] = [];

  setScript(script: AnthropicScript | undefined): void {
    this.script = script;
    this.cursor = 0;
  }

  reset(): void {
    this.setScript(undefined);
    this.recorded.length = 0;
  }

  /** The next scripted reply, or undefined for the default reply (no script, or the list ran out). */
  async next(request: MessagesRequest): Promise<ScriptedReply | undefined> {
    const index = this.cursor++;
    if (typeof this.script === 'function') return this.script(request, index);
    return this.script?.[index];
  }

  record(entry: Omit<RecordedRequest, 'index' | 'time'>): RecordedRequest {
    const full = { index: this.recorded.length, time: new Date().toISOString(), ...entry };
    this.recorded.push(full);
    return full;
  }

  requests(): RecordedRequest[] {
    return structuredClone(this.recorded);
  }

  /** Token usage summed over every answered request. */
  usage(): Usage & { requests: number } {
    const total = zeroUsage();
    for (const r of this.recorded) {
      if (!r.usage) continue;
      total.input_tokens += r.usage.input_tokens;
      total.output_tokens += r.usage.output_tokens;
      total.cache_creation_input_tokens += r.usage.cache_creation_input_tokens;
      total.cache_read_input_tokens += r.usage.cache_read_input_tokens;
    }
    return { ...total, requests: this.recorded.length };
  }
}
