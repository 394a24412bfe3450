// At-least-once delivery: while a deploy job runs, its phase_completed event arrives three times (same eventId,
// three broker messages — as a redelivery would), and the agent's own completion comes late after them. The first
// one ends the phase; the rest change nothing; the run ends verified with nothing leaked.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ServiceBusClient } from '@azure/service-bus';
import type { AgentEvent } from '../../core/events';
import {
  makeDataDir,
  quickRunArgs,
  removeDataDir,
  startHaymaker,
  type StartResult,
} from './helpers/haymaker-start';
import { leftoversOf, NOTHING_LEFT, readSandboxState, RunWitness } from './helpers/sandbox-state';
import type { RunReport } from './helpers/fixtures';

const SCENARIO = 'networking-02-nsg-rule-hygiene';

describe('a completion event delivered three times', () => {
  const runId = randomUUID();
  const dataDir = makeDataDir('dupes');
  const witness = new RunWitness(dataDir, runId);
  let result: StartResult;
  let report: RunReport;

  beforeAll(async () => {
    witness.start();
    const run = startHaymaker(dataDir, [...quickRunArgs([SCENARIO]), '--run-id', runId], 150_000);
    await run.waitForLine((line) => line.includes(`"${SCENARIO}":"deploying"`), 90_000);
    const connectionString = (
      readSandboxState(dataDir) as unknown as { serviceBus: { connectionString: string } }
    ).serviceBus.connectionString;
    const event: AgentEvent = {
      eventId: randomUUID(),
      type: 'phase_completed',
      runId,
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
    result = await run.done;
    witness.stop();
    if (!result.final)
      throw new Error(
        `haymaker start ended without its result line (code ${result.code}):\n${result.stdout.slice(-3000)}\n${result.stderr.slice(-3000)}`,
      );
    report = JSON.parse(readFileSync(result.final.report.jsonPath, 'utf8')) as RunReport;
  }, 200_000);

  afterAll(() => {
    witness.stop();
    removeDataDir(dataDir);
  });

  it('ends the deploy phase once and finishes the run verified with nothing leaked', () => {
    expect(result.final).toMatchObject({ runId, status: 'completed', cleanupVerified: true });
    const scenario = report.scenarios.find((s) => s.scenarioId === SCENARIO)!;
    expect(scenario.phases.filter((p) => p.step === 'deploy')).toEqual([
      expect.objectContaining({ status: 'succeeded' }),
    ]);
    expect(report.summary.leaked).toEqual({
      resources: 0,
      principals: 0,
      appRegistrations: 0,
      roleAssignments: 0,
      secrets: 0,
    });
    expect(witness.principalIds.size).toBe(1);
    expect(leftoversOf(readSandboxState(dataDir)!, runId, witness.principalIds)).toEqual(NOTHING_LEFT);
  });

  it('consumed every copy and dead-lettered none: duplicates are valid events, only ignored', () => {
    const bus = (
      readSandboxState(dataDir) as unknown as {
        serviceBus: { messages: Record<string, { active: unknown[]; deadLetter: unknown[] }> };
      }
    ).serviceBus;
    expect(bus.messages['agent-events']?.active).toEqual([]);
    expect(bus.messages['agent-events']?.deadLetter).toEqual([]);
  });
});
