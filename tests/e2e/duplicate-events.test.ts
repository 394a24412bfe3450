// At-least-once delivery: the deploy job's phase_completed event is delivered three times (the broker redelivers the
// same message, as after a lost lock: `redeliveries` of the sandbox setup). The first one ends the phase; the rest
// change nothing; the run ends verified with nothing leaked. Nobody but the agent may send to the queue (Service Bus
// data roles), so the copies come from the broker, not from the test.
import { e2eSuite, NOTHING_LEAKED } from './helpers/e2e-run';
import { leftoversOf, NOTHING_LEFT } from './helpers/sandbox-state';

const SCENARIO = 'networking-02-nsg-rule-hygiene';

describe('a completion event delivered three times', () => {
  const { run, finished } = e2eSuite(
    {
      name: 'dupes',
      scenarios: [SCENARIO],
      setup: {
        redeliveries: [{ scenarioId: SCENARIO, phase: 'deploy', type: 'phase_completed', copies: 3 }],
      },
    },
    { timeoutMs: 200_000 },
  );
  const { runId, witness } = run;
  const result = () => finished().result;
  const report = () => finished().report;

  it('ends the deploy phase once and finishes the run verified with nothing leaked', () => {
    expect(result().final).toMatchObject({ runId, status: 'completed', cleanupVerified: true });
    const scenario = report().scenarios.find((s) => s.scenarioId === SCENARIO)!;
    expect(scenario.phases.filter((p) => p.step === 'deploy')).toEqual([
      expect.objectContaining({ status: 'succeeded' }),
    ]);
    expect(report().summary.leaked).toEqual(NOTHING_LEAKED);
    expect(witness.principalIds.size).toBe(1);
    expect(leftoversOf(run.state(), runId, witness.principalIds)).toEqual(NOTHING_LEFT);
  });

  it('consumed every copy and dead-lettered none: duplicates are valid events, only ignored', () => {
    const bus = (
      run.state() as unknown as {
        serviceBus: {
          messages: Record<string, { active: unknown[]; deadLetter: unknown[] }>;
          redelivered: { queue: string; copies: number }[];
        };
      }
    ).serviceBus;
    // The broker did deliver the deploy completion three times.
    expect(bus.redelivered).toEqual([expect.objectContaining({ queue: 'agent-events', copies: 3 })]);
    expect(bus.messages['agent-events']?.active).toEqual([]);
    expect(bus.messages['agent-events']?.deadLetter).toEqual([]);
  });
});
