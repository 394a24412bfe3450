/**
 * Remembers message ids for a window, as a queue or topic with requiresDuplicateDetection does:
 * a second message with the same id inside the window is accepted and silently dropped.
 */
export class DuplicateDetector {
  private readonly seenAtMs = new Map<string, number>();

  constructor(private readonly windowInMs: number) {}

  /** True when the id was seen inside the window (the message must be dropped). */
  isDuplicate(messageId: string, nowMs = Date.now()): boolean {
    this.prune(nowMs);
    if (this.seenAtMs.has(messageId)) return true;
    this.seenAtMs.set(messageId, nowMs);
    return false;
  }

  private prune(nowMs: number): void {
    // Map iteration is insertion order, so the oldest ids come first.
    for (const [id, at] of this.seenAtMs) {
      if (nowMs - at < this.windowInMs) break;
      this.seenAtMs.delete(id);
    }
  }
}
