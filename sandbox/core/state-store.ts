import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The fake tenant's state: one JSON-serialisable area per service (resources, apps, secrets, …).
 * Runtime handles (child processes, sockets) never go here, so `snapshot()` and persistence stay plain data.
 */
export class StateStore {
  private areas: Record<string, unknown> = {};

  /** The live area object of a service, created with `init` on first use (or restored from disk). */
  area<T extends object>(name: string, init: () => T): T {
    if (!(name in this.areas)) this.areas[name] = init();
    return this.areas[name] as T;
  }

  /** A deep copy of every area, for tests and the admin endpoint. */
  snapshot(): Record<string, unknown> {
    return structuredClone(this.areas);
  }

  load(path: string): void {
    if (!existsSync(path)) return;
    try {
      const data = JSON.parse(readFileSync(path, 'utf8')) as unknown;
      if (data && typeof data === 'object') this.areas = data as Record<string, unknown>;
    } catch (error) {
      throw new Error(
        `could not read the sandbox state at ${path}: ${String(error)} — delete the file to start with an empty tenant`,
      );
    }
  }

  save(path: string): void {
    mkdirSync(dirname(path), { recursive: true });
    const tmp = `${path}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.areas), { mode: 0o600 });
    renameSync(tmp, path);
  }
}
