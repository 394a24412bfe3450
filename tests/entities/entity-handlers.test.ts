// Drives the thin handlers through the durable-functions SDK's own entity machinery (the same code the host runs).
import { DummyEntityContext } from 'durable-functions';

// Not in the package's public types; it wraps a handler exactly as df.app.entity does.
const { createEntityFunction } = require('durable-functions/lib/src/util/testingUtils') as {
  createEntityFunction: (fn: unknown) => (trigger: unknown, context: unknown) => Promise<unknown>;
};
import { runEntity, runScenarioEntity } from '../../entities/run-entity';
import { statusEntity } from '../../entities/status-entity';

type Request = { name: string; input?: unknown };

async function runBatch(handler: unknown, name: string, key: string, state: unknown, batch: Request[]) {
  const fn = createEntityFunction(handler);
  const trigger = {
    self: { name, key },
    exists: state !== undefined,
    ...(state !== undefined ? { state: JSON.stringify(state) } : {}),
    batch: batch.map((r, i) => ({
      id: `op-${i}`,
      name: r.name,
      signal: true,
      ...(r.input !== undefined ? { input: JSON.stringify(r.input) } : {}),
    })),
  };
  const ctx = new DummyEntityContext(name, 'inv', () => undefined);
  const out = (await fn(trigger, ctx)) as {
    entityState?: string;
    results: { isError: boolean; result?: string }[];
    signals: { target: { name: string; key: string }; name: string; input: string }[];
  };
  return {
    state: out.entityState === undefined ? undefined : JSON.parse(out.entityState),
    results: out.results,
    signals: out.signals.map((s) => ({
      to: `${s.target.name}@${s.target.key}`,
      op: s.name,
      input: s.input ? JSON.parse(s.input) : undefined,
    })),
  };
}

describe('entity handlers', () => {
  it('applies a batch of run operations, forwards the selection to the shards and answers get', async () => {
    const { state, results, signals } = await runBatch(runEntity, 'haymakerrun', 'run-1', undefined, [
      { name: 'started', input: { runId: 'run-1', startedAt: '2026-11-23T06:00:00.000Z', seed: 's' } },
      {
        name: 'scenariosSelected',
        input: { scenarioIds: ['a-01-x'], expiresAt: '2026-11-23T18:00:00.000Z' },
      },
      { name: 'get' },
    ]);
    // The run entity keeps no ledger of its own: the scenario's shard is enlisted and the roster told.
    expect(state).toEqual({
      runId: 'run-1',
      phase: 'running',
      seed: 's',
      startedAt: '2026-11-23T06:00:00.000Z',
      expiresAt: '2026-11-23T18:00:00.000Z',
      errors: [],
      totals: { byStatus: {}, created: 0, deleted: 0, deletionFailed: 0, forceDeleted: 0 },
      inFlight: 1,
    });
    expect(signals).toEqual([
      { to: 'haymakerRunRoster@run-1', op: 'selected', input: { scenarioIds: ['a-01-x'] } },
      {
        to: 'haymakerRunScenario@run-1:a-01-x',
        op: 'enlist',
        input: { runId: 'run-1', scenarioId: 'a-01-x' },
      },
    ]);
    expect(JSON.parse(results[2]!.result!)).toMatchObject({ phase: 'running' });
  });

  it('answers a forwarded operation with the ledger delta, and names an unlisted scenario to the roster', async () => {
    const created = { runId: 'run-1', scenarioId: 'z-09-late', resourceId: '/RG', kind: 'created' };
    const { state, signals } = await runBatch(
      runScenarioEntity,
      'haymakerrunscenario',
      'run-1:z-09-late',
      undefined,
      [
        { name: 'resourceEvent', input: created },
        { name: 'resourceEvent', input: created },
      ],
    );
    expect(state).toMatchObject({ status: 'pending', created: ['/rg'] });
    const delta = { to: 'pending', deleted: 0, deletionFailed: 0, forceDeleted: 0 };
    expect(signals).toEqual([
      {
        to: 'haymakerRun@run-1',
        op: 'scenarioApplied',
        input: { scenarioId: 'z-09-late', delta: { ...delta, added: true, created: 1 } },
      },
      { to: 'haymakerRunRoster@run-1', op: 'added', input: { scenarioId: 'z-09-late' } },
      // A duplicate changes nothing but is still acknowledged: the run entity counts what is in flight.
      {
        to: 'haymakerRun@run-1',
        op: 'scenarioApplied',
        input: { scenarioId: 'z-09-late', delta: { ...delta, added: false, from: 'pending', created: 0 } },
      },
    ]);
  });

  it('answers an unknown operation with a message that names the known ones', async () => {
    const { results, state } = await runBatch(
      statusEntity,
      'haymakerstatus',
      'singleton',
      { nextScheduledRun: 'x' },
      [{ name: 'explode' }],
    );
    expect(JSON.parse(results[0]!.result!).error).toMatch(/no operation "explode".*runStarted/);
    expect(state).toEqual({ nextScheduledRun: 'x' });
  });
});
