// Starts the embedded host on the real app registrations with fake activities (fake-world-app.ts) and drives
// orchestrations on the manual clock: time moves only while no agent answer is pending.
import { OPERATIONS_DONE_EVENT } from '../contract/bursts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  InMemoryServiceBus,
  startEmbeddedHost,
  type EmbeddedHost,
  type OrchestrationStatus,
} from '../embedded-host';
import { realModule } from '../embedded-host/real-module';
import type { ScenarioCustomStatus } from '../contract/orchestrations';
import type { FakeWorld } from './fake-world-app';
import { repoRoot as findRepoRoot } from '../cli/local/paths';
import type { DurableClientPort } from '../triggers/durable-client-port';
import { embeddedClientPort } from './durable-client-port';

// Found by walking up, so the harness works from testkit/ (ts-jest) and from dist/testkit/ (the bench) alike.
export const repoRoot = findRepoRoot();
export const fakeAppEntry = path.join(repoRoot, 'dist', 'testkit', 'fake-world-app.js');
export const START = Date.parse('2026-11-23T06:00:00.000Z');
const DEFAULT_STEP_MS = 5 * 60_000;
/** Longer than any window a test drives (80 h is the longest). */
const MAX_SIMULATED_MS = 14 * 24 * 3_600_000;

export interface Harness {
  host: EmbeddedHost;
  bus: InMemoryServiceBus;
  world: FakeWorld;
  dataDir: string;
  /** Every line the host and the app logged, in order. */
  logs: { level: string; message: string }[];
  stop(): Promise<void>;
}

export interface HarnessOptions {
  /** App settings over the defaults (e.g. timers that never fire during a benchmark). */
  env?: Record<string, string>;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  if (!fs.existsSync(fakeAppEntry))
    throw new Error(`${fakeAppEntry} is missing: run \`npx tsc -p .\` before these tests`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'haymaker-orch-'));
  // Dead-letter on the first failure: an invalid event can never succeed, and retries only slow the test.
  const bus = new InMemoryServiceBus(1);
  const logs: Harness['logs'] = [];
  const host = await startEmbeddedHost({
    appEntry: fakeAppEntry,
    dataDir,
    port: 0,
    clock: { kind: 'manual', startAt: START },
    serviceBus: bus.factory(),
    hostKey: 'test-key',
    logger: (level, message) => logs.push({ level, message }),
    env: {
      SERVICE_BUS_QUEUE: 'agent-events',
      SCHEDULE_CRON: '0 0 0,6,12,18 * * *',
      JANITOR_CRON: '0 30 * * * *',
      ...options.env,
    },
  }).catch((error: unknown) => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  });
  // The host required the app with Node's own loader; take the same module instance (jest's registry would make a second).
  const world = (realModule().createRequire(fakeAppEntry)(fakeAppEntry) as { world: FakeWorld }).world;
  world.now = () => host.clock.now();
  world.send = (queue, body) => bus.send(queue, body);
  return {
    host,
    bus,
    world,
    dataDir,
    logs,
    stop: async () => {
      await host.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const DONE = new Set(['Completed', 'Failed', 'Terminated']);

/**
 * Runs an instance to the end: while some scenario waits for an agent answer that will come, real time passes;
 * otherwise the manual clock moves `stepMs` (5 minutes; keep it below the shortest slot between bursts). An answer
 * pending for `answerTimeoutMs` of real time, or `maxSimulatedMs` of clock moved, ends it with an error. Neither
 * bounds the whole drive in real time: a loaded machine only makes each step slower, and jest's test timeout stays.
 */
export async function drive(
  h: Harness,
  instanceId: string,
  answerTimeoutMs = 20_000,
  stepMs = DEFAULT_STEP_MS,
  maxSimulatedMs = MAX_SIMULATED_MS,
): Promise<OrchestrationStatus> {
  let movedMs = 0;
  let pendingSince: number | undefined;
  for (;;) {
    const status = await h.host.client.getStatus(instanceId);
    if (status && DONE.has(status.runtimeStatus)) return status;
    if (await anyAnswerPending(h, instanceId)) {
      pendingSince ??= Date.now();
      if (Date.now() - pendingSince > answerTimeoutMs)
        throw new Error(
          `instance ${instanceId}: an agent answer stayed pending for ${answerTimeoutMs} ms of real time`,
        );
      await sleep(2);
      continue;
    }
    pendingSince = undefined;
    if (movedMs >= maxSimulatedMs)
      throw new Error(
        `instance ${instanceId} did not finish within ${maxSimulatedMs / 3_600_000} h of clock time`,
      );
    await h.host.clock.advance(stepMs);
    movedMs += stepMs;
  }
}

async function anyAnswerPending(h: Harness, instanceId: string): Promise<boolean> {
  const scenarios = (await h.host.client.listInstances({ instanceIdPrefix: instanceId })).filter(
    (s) => !DONE.has(s.runtimeStatus),
  );
  return scenarios.some((s) => {
    const custom = s.customStatus as ScenarioCustomStatus | null;
    // The bursts run by the burst driver, a timer on the manual clock: the clock must move for them.
    if (!custom?.waitingFor || custom.waitingFor === OPERATIONS_DONE_EVENT) return false;
    const scenarioId = s.instanceId.slice(s.instanceId.lastIndexOf(':') + 1);
    return h.world.answers(scenarioId, custom.waitingFor);
  });
}

/**
 * One harness for a jest suite, with the triggers' client port over its durable client: started before the suite's
 * tests, stopped after them. Read `t.h` and `t.client` inside tests.
 */
export function useHarness(options: HarnessOptions = {}): { h: Harness; client: DurableClientPort } {
  const suite = {} as { h: Harness; client: DurableClientPort };
  beforeAll(async () => {
    suite.h = await startHarness(options);
    suite.client = embeddedClientPort(suite.h.host.client);
  });
  afterAll(async () => {
    await suite.h?.stop();
  });
  return suite;
}
