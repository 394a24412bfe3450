export interface RequestLogEntry {
  time: string;
  endpoint: string;
  service: string;
  operation: string;
  method: string;
  path: string;
  /** Query string without the leading `?`. */
  query: string;
  /** 0 when the connection was dropped by a fault. */
  status: number;
  durationMs: number;
  /** Id of the fault rule (or ARM bucket) that shaped the answer. */
  fault?: string;
}

/** Bounded log of what the sandbox received; headers and bodies are not kept (they may hold secrets). */
export class RequestLog {
  private entries: RequestLogEntry[] = [];

  constructor(private readonly limit = 20_000) {}

  add(entry: RequestLogEntry): void {
    this.entries.push(entry);
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
  }

  list(): RequestLogEntry[] {
    return this.entries.slice();
  }

  clear(): void {
    this.entries = [];
  }
}
