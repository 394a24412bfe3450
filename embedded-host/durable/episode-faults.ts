import { EventType } from './history';
import type { InboxEntry, OrchestrationRecord } from './records';

/**
 * A scripted orchestrator failure, as the Functions host reports when an orchestrator invocation throws (a code
 * defect, a payload it cannot handle): the next episode whose instance and new events match fails the instance
 * instead of running the orchestrator. For fault tests and local fault drills; production never arms one.
 */
export interface EpisodeFault {
  /** `completedActivities`: names of the activities whose results arrive in this episode. */
  matches(episode: { instanceId: string; orchestrationName: string; completedActivities: string[] }): boolean;
  message: string;
  /** Episodes to fail before the fault disarms itself (default 1). */
  count?: number;
}

/** The test hook that arms episode faults; the scheduler asks it before every episode. */
export class EpisodeFaults {
  private readonly armed: { fault: EpisodeFault; left: number }[] = [];

  inject(fault: EpisodeFault): void {
    this.armed.push({ fault, left: fault.count ?? 1 });
  }

  /** The message of the armed fault this episode trips, if any (using up one of its episodes). */
  faultFor(record: OrchestrationRecord, batch: InboxEntry[]): string | undefined {
    if (this.armed.length === 0) return undefined;
    const completedIds = new Set(
      batch.filter((b) => b.event.EventType === EventType.TaskCompleted).map((b) => b.event.TaskScheduledId),
    );
    const completedActivities = record.outstanding.flatMap((o) =>
      o.kind === 'activity' && completedIds.has(o.taskId) ? [o.name] : [],
    );
    const hit = this.armed.find(({ fault }) =>
      fault.matches({ instanceId: record.instanceId, orchestrationName: record.name, completedActivities }),
    );
    if (!hit) return undefined;
    hit.left -= 1;
    if (hit.left <= 0) this.armed.splice(this.armed.indexOf(hit), 1);
    return hit.fault.message;
  }
}
