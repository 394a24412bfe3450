// Where one orchestration's history goes: its events counted by type, and the tasks it scheduled by what they are
// (activity name, timer, awaited event name with its burst number dropped, entity signal). Printed beside the
// historyEventsPerScenario figure so a change to the history's size can be traced to the step that made it.
type HistoryEvent = Record<string, unknown>;

const text = (e: HistoryEvent, key: string): string | undefined =>
  typeof e[key] === 'string' ? (e[key] as string) : undefined;

/** `agent:operate:3` → `agent:operate:<burst>`: bursts are counted together. */
const generic = (name: string) => name.replace(/:\d+$/, ':<burst>');

export function historyBreakdown(events: HistoryEvent[]): {
  byType: Record<string, number>;
  byTask: Record<string, number>;
} {
  const byType: Record<string, number> = {};
  const byTask: Record<string, number> = {};
  const count = (into: Record<string, number>, key: string) => (into[key] = (into[key] ?? 0) + 1);
  for (const e of events) {
    const type = text(e, 'EventType') ?? 'unknown';
    count(byType, type);
    const name = text(e, 'Name');
    if (type === 'TaskScheduled' && name) count(byTask, `activity ${name}`);
    else if (type === 'TimerCreated') count(byTask, 'timer');
    else if (type === 'EventRaised' && name) count(byTask, `event ${generic(name)}`);
    else if (type === 'EventSent' && name) count(byTask, `signal ${name}`);
  }
  const sorted = (o: Record<string, number>) =>
    Object.fromEntries(Object.entries(o).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));
  return { byType: sorted(byType), byTask: sorted(byTask) };
}
