// At-least-once delivery: while a deploy job runs, its phase_completed event arrives three times (same eventId,
// three broker messages — as a redelivery would), and the agent's own completion comes late after them. The first
// one ends the phase; the rest change nothing; the run ends verified with nothing leaked.
import { randomUUID } from 'node:crypto';
import { ServiceBusClient } from '@azure/service-bus';
import type { AgentEvent } from '../../core/events';
import { e2eSuite, NOTHING_LEAKED } from './helpers/e2e-run';
import { leftoversOf, NOTHING_LEFT } from './helpers/sandbox-state';

const SCENARIO = 'networking-02-nsg-rule-hygiene';

describe('a completion event delivered three times', () => {
  const { run, finished } = e2eSuite(
    { name: 'dupes', scenarios: [SCENARIO] },
    {
      timeoutMs: 200_000,
      during: async (started, run) => {
        await started.waitForLine((line) => line.includes(`"${SCENARIO}":"deploying"`), 90_000);
        const connectionString = (run.state() as unknown as { serviceBus: { connectionString: string } })
          .serviceBus.connectionString;
        const event: AgentEvent = {
          eventId: randomUUID(),
          type: 'phase_completed',
          runId: run.runId,
          scenarioId: SCENARIO,
          phase: 'deploy',
          timestamp: new Date().toISOString(),
          data: {},
        };
        const client = new ServiceBusClient(connectionString);
        try {
          const sender = client.createSender('agent-events');
          for (let i = 0; i < 3; i++)
            await sender.sendMessages({
              body: event,
              messageId: `${event.eventId}-delivery-${i}`,
              contentType: 'application/json',
            });
          await sender.close();
        } finally {
          await client.close();
        }
      },
    },
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
        serviceBus: { messages: Record<string, { active: unknown[]; deadLetter: unknown[] }> };
      }
    ).serviceBus;
    expect(bus.messages['agent-events']?.active).toEqual([]);
    expect(bus.messages['agent-events']?.deadLetter).toEqual([]);
  });
});
