import { createScrubber } from '../../core/scrub';
import { eventId } from '../../agent-runtime/events/event-id';
import { EventPublisher } from '../../agent-runtime/events/event-publisher';
import { detectResources } from '../../agent-runtime/events/resource-detection';
import { MemorySink } from '../../testkit/memory-sink';

const SUB = '6d9a1f3e-0000-4000-8000-00000000a001';
const publisher = (sink: MemorySink, attempts = 4) =>
  new EventPublisher({
    runId: 'run-1234567890',
    scenarioId: 'compute-00-x',
    phase: 'deploy',
    sink,
    scrub: () => createScrubber(['hush-hush-secret']),
    retryDelayInMs: 5,
    maxSendAttempts: attempts,
    clock: () => new Date('2026-11-23T12:00:00Z'),
  });

describe('event ids', () => {
  it('are deterministic from run, scenario, phase, burst and sequence', () => {
    expect(eventId({ runId: 'r1', scenarioId: 's', phase: 'operate', burst: 3, sequence: 7 })).toBe(
      'r1:s:operate:b3:0007',
    );
    expect(eventId({ runId: 'r1', scenarioId: 's', phase: 'deploy', sequence: 1 })).toBe('r1:s:deploy:0001');
  });

  it('stay within 128 characters for long ids, still deterministic', () => {
    const long = { runId: 'r'.repeat(100), scenarioId: 's'.repeat(60), phase: 'deploy', sequence: 12 };
    expect(eventId(long)).toHaveLength(45);
    expect(eventId(long)).toBe(eventId({ ...long }));
    expect(eventId(long)).not.toBe(eventId({ ...long, sequence: 13 }));
  });
});

describe('event publisher', () => {
  it('sends events in order and scrubs their data', async () => {
    const sink = new MemorySink();
    const p = publisher(sink);
    p.emit('phase_started', { note: 'token hush-hush-secret here' });
    p.emit('phase_completed', {});
    await p.flush();
    expect(sink.events.map((e) => [e.type, e.eventId])).toEqual([
      ['phase_started', 'run-1234567890:compute-00-x:deploy:0001'],
      ['phase_completed', 'run-1234567890:compute-00-x:deploy:0002'],
    ]);
    expect(sink.events[0].data.note).toBe('token [REDACTED] here');
  });

  it('names its job execution on every event, and two executions of one phase never share an event id', async () => {
    const sinks = [new MemorySink(), new MemorySink()];
    const names = ['haymaker-agent-crash01', 'haymaker-agent-retry02'];
    for (const [i, sink] of sinks.entries()) {
      const p = new EventPublisher({
        runId: 'run-1234567890',
        scenarioId: 'compute-00-x',
        phase: 'operate',
        burst: 2,
        executionName: names[i],
        sink,
        scrub: () => createScrubber([]),
        clock: () => new Date('2026-11-23T12:00:00Z'),
      });
      p.emit('phase_started');
      p.emit('phase_completed');
      await p.flush();
    }
    expect(sinks.map((s) => s.events.map((e) => e.executionName))).toEqual([
      [names[0], names[0]],
      [names[1], names[1]],
    ]);
    const ids = sinks.flatMap((s) => s.events.map((e) => e.eventId));
    expect(new Set(ids).size).toBe(4);
  });

  it('retries a failing send and delivers everything buffered', async () => {
    const sink = new MemorySink();
    sink.failNext = 2;
    const p = publisher(sink);
    p.emit('phase_started');
    p.emit('phase_completed');
    await p.flush();
    expect(sink.events.map((e) => e.type)).toEqual(['phase_started', 'phase_completed']);
  });

  it('holds later events while the sink is down and delivers them all on flush', async () => {
    const sink = new MemorySink();
    sink.failNext = 2;
    const p = publisher(sink, 2);
    p.emit('phase_started');
    await new Promise((r) => setTimeout(r, 100));
    p.emit('operation_performed');
    p.emit('phase_completed');
    await p.flush();
    expect(sink.events.map((e) => e.type)).toEqual([
      'phase_started',
      'operation_performed',
      'phase_completed',
    ]);
  });

  it('reports on flush when events could not be delivered', async () => {
    const sink = new MemorySink();
    sink.failNext = 100;
    const p = publisher(sink, 2);
    p.emit('phase_started');
    await expect(p.flush()).rejects.toThrow(/could not be sent to Service Bus.*broker busy/);
  });
});

describe('resource detection', () => {
  it('finds ids in az JSON output, objects and arrays, ignoring nested ids', () => {
    const output = [
      'WARNING: something',
      JSON.stringify(
        {
          id: `/subscriptions/${SUB}/resourceGroups/rg1`,
          name: 'rg1',
          type: 'Microsoft.Resources/resourceGroups',
        },
        null,
        2,
      ),
      JSON.stringify([
        {
          id: `/subscriptions/${SUB}/resourceGroups/rg1/providers/Microsoft.Network/virtualNetworks/v1`,
          name: 'v1',
          subnets: [
            {
              id: `/subscriptions/${SUB}/resourceGroups/rg1/providers/Microsoft.Network/virtualNetworks/v1/subnets/a`,
            },
          ],
        },
      ]),
    ].join('\n');
    expect(detectResources(output)).toEqual([
      {
        resourceId: `/subscriptions/${SUB}/resourceGroups/rg1`,
        name: 'rg1',
        resourceType: 'Microsoft.Resources/resourceGroups',
      },
      {
        resourceId: `/subscriptions/${SUB}/resourceGroups/rg1/providers/Microsoft.Network/virtualNetworks/v1`,
        name: 'v1',
      },
    ]);
  });

  it('finds a bare id printed with -o tsv', () => {
    expect(
      detectResources(
        `/subscriptions/${SUB}/resourceGroups/rg1/providers/Microsoft.Storage/storageAccounts/s1\n`,
      ),
    ).toEqual([
      {
        resourceId: `/subscriptions/${SUB}/resourceGroups/rg1/providers/Microsoft.Storage/storageAccounts/s1`,
      },
    ]);
  });

  it('finds nothing in ordinary text', () => {
    expect(detectResources('Succeeded\n{"provisioningState": "Succeeded"}\n')).toEqual([]);
  });
});
