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
  /** Who called, from the bearer token's claims (object and application id; never the token). */
  caller?: { objectId?: string; appId?: string };
  /** `x-ms-correlation-request-id` the client sent, or the one the sandbox answered with. */
  correlationId?: string;
  /** When the request arrived, on the sandbox clock (ms since the epoch). */
  startedAt?: number;
}

export type RequestLogListener = (entry: RequestLogEntry) => void;

/** Bounded log of what the sandbox received; headers and bodies are not kept (they may hold secrets). */
export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private readonly listeners: RequestLogListener[] = [];

  constructor(private readonly limit = 20_000) {}

  /** Services that derive records from requests (the Activity Log) see every entry as it is added. */
  onEntry(listener: RequestLogListener): void {
    this.listeners.push(listener);
  }

  add(entry: RequestLogEntry): void {
    for (const listener of this.listeners) listener(entry);
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
